package org.stackbridge.z3950.pdu;

import static org.stackbridge.z3950.ber.BerNode.CONTEXT;
import static org.stackbridge.z3950.ber.BerNode.UNIVERSAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stackbridge.z3950.ber.BerException;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.pdu.Z3950Pdu.*;

/**
 * BER tree to {@link Z3950Pdu} value: the static core of {@link Z3950Decoder}. Follows Z39-50-APDU-1995 (explicit
 * tagging unless IMPLICIT is written); the PDU alternative is looked up in {@link Z3950PduType}. Every read either
 * returns a value or throws {@link BerException} with the reason.
 *
 * <p>Slightly over 400 lines on purpose: one small reader per ASN.1 type of the PDU CHOICE, and the element readers
 * (attributes, diagnostics, records, EXTERNAL) are shared by several PDUs; split by PDU they would be repeated.
 */
public final class Z3950PduReader {

    private static final int MAX_RPN_DEPTH = 48;
    private static final int MAX_LIST = 1000;

    private Z3950PduReader() {
    }

    public static Z3950Pdu read(byte[] pdu) {
        return read(BerNode.decode(pdu));
    }

    public static Z3950Pdu read(BerNode n) {
        if (n.tagClass() != CONTEXT || !n.isConstructed()) {
            throw new BerException("not a Z39.50 PDU: " + n);
        }
        byte[] ref = n.ctxChild(2).map(BerNode::asBytes).orElse(null);
        Z3950PduType type = Z3950PduType.valueOf(n.tag());
        if (type == null) {
            if (!Z3950PduType.inRange(n.tag())) {
                throw new BerException("unknown PDU tag [" + n.tag() + "]");
            }
            return new Unsupported(ref, n.tag());
        }
        return switch (type) {
            case INIT_REQUEST -> initRequest(n, ref);
            case INIT_RESPONSE -> initResponse(n, ref);
            case SEARCH_REQUEST -> searchRequest(n, ref);
            case SEARCH_RESPONSE -> searchResponse(n, ref);
            case PRESENT_REQUEST -> presentRequest(n, ref);
            case PRESENT_RESPONSE -> new PresentResponse(ref, n.require(CONTEXT, 24, "numberOfRecordsReturned").asInt(),
                    n.require(CONTEXT, 25, "nextResultSetPosition").asInt(), n.require(CONTEXT, 27, "presentStatus").asInt(), records(n));
            case DELETE_RESULT_SET_REQUEST -> new DeleteResultSetRequest(ref, n.require(CONTEXT, 32, "deleteFunction").asInt(),
                    n.child(UNIVERSAL, 16).map(s -> strings(s, 31)).orElse(List.of()));
            case DELETE_RESULT_SET_RESPONSE -> deleteResponse(n, ref);
            case SCAN_REQUEST -> scanRequest(n, ref);
            case SCAN_RESPONSE -> scanResponse(n, ref);
            case SORT_REQUEST -> sortRequest(n, ref);
            case SORT_RESPONSE -> new SortResponse(ref, n.require(CONTEXT, 3, "sortStatus").asInt(), n.ctxChild(4).map(BerNode::asInt).orElse(null),
                    n.ctxChild(5).map(Z3950PduReader::diagList).orElse(List.of()));
            case CLOSE -> new Close(ref, n.require(CONTEXT, 211, "closeReason").asInt(), n.ctxChild(3).map(BerNode::asString).orElse(null));
            default -> new Unsupported(ref, n.tag());
        };
    }

    private static int versions(BerNode n) {
        BerNode v = n.require(CONTEXT, 3, "protocolVersion");
        int m = 0;
        for (int i = 0; i < 8; i++) {
            if (v.bit(i)) {
                m |= 1 << i;
            }
        }
        return m;
    }

    private static long options(BerNode n) {
        BerNode v = n.require(CONTEXT, 4, "options");
        long m = 0;
        for (int i = 0; i < 32; i++) {
            if (v.bit(i)) {
                m |= 1L << i;
            }
        }
        return m;
    }

    private static InitRequest initRequest(BerNode n, byte[] ref) {
        Authentication auth = n.ctxChild(7).map(w -> {
            BerNode a = w.inner();
            if (a.is(UNIVERSAL, 26) || a.is(UNIVERSAL, 27)) {
                String s = a.asString();
                int slash = s.indexOf('/');
                return new Authentication(Authentication.OPEN, null, slash < 0 ? s : s.substring(0, slash), slash < 0 ? null : s.substring(slash + 1));
            } else if (a.is(UNIVERSAL, 16)) {
                return new Authentication(Authentication.ID_PASS, a.ctxChild(0).map(BerNode::asString).orElse(null),
                        a.ctxChild(1).map(BerNode::asString).orElse(null), a.ctxChild(2).map(BerNode::asString).orElse(null));
            } else if (a.is(UNIVERSAL, 5)) {
                return new Authentication(Authentication.ANONYMOUS, null, null, null);
            }
            return new Authentication(Authentication.OTHER, null, null, null);
        }).orElse(null);
        return new InitRequest(ref, versions(n), options(n), n.require(CONTEXT, 5, "preferredMessageSize").asInt(),
                n.require(CONTEXT, 6, "exceptionalRecordSize").asInt(), auth, str(n, 110), str(n, 111), str(n, 112),
                n.ctxChild(201).map(Z3950PduReader::charsetProposal).orElse(null));
    }

    /** Finds a CharSetandLanguageNegotiation-3 proposal in OtherInformation. */
    private static CharsetProposal charsetProposal(BerNode otherInfo) {
        for (BerNode item : otherInfo.children()) {
            Optional<BerNode> ext = item.ctxChild(4);
            if (ext.isEmpty()) {
                continue;
            }
            BerNode e = ext.get();
            Optional<BerNode> oid = e.child(UNIVERSAL, 6);
            if (oid.isEmpty() || !Oids.CHARSET_NEGOTIATION_3.equals(oid.get().asOid())) {
                continue;
            }
            BerNode proposal = e.ctxChild(0).map(BerNode::inner).orElse(null);
            if (proposal == null || !proposal.isContext(1)) {
                continue;
            }
            List<String> sets = new ArrayList<>();
            proposal.ctxChild(1).ifPresent(list -> {
                for (BerNode choice : list.children()) {
                    if (choice.isContext(2)) {
                        String enc = choice.ctxChild(2).map(BerNode::asOid).orElse("");
                        sets.add(Oids.UTF8_ENCODING.equals(enc) ? "utf-8" : "iso10646:" + enc);
                    } else if (choice.isContext(1)) {
                        sets.add("iso2022");
                    } else if (choice.isContext(3)) {
                        sets.add("private");
                    }
                }
            });
            boolean records = proposal.ctxChild(3).map(BerNode::asBoolean).orElse(false);
            return new CharsetProposal(sets, records);
        }
        return null;
    }

    private static InitResponse initResponse(BerNode n, byte[] ref) {
        String selected = null;
        boolean recs = false;
        Optional<BerNode> oi = n.ctxChild(201);
        if (oi.isPresent()) {
            for (BerNode item : oi.get().children()) {
                Optional<BerNode> ext = item.ctxChild(4);
                if (ext.isPresent() && ext.get().ctxChild(0).isPresent()) {
                    BerNode resp = ext.get().ctxChild(0).get().inner();
                    if (resp.isContext(2)) {
                        selected = resp.ctxChild(1).map(c -> c.inner().isContext(2) ? "utf-8" : "other").orElse(null);
                        recs = resp.ctxChild(3).map(BerNode::asBoolean).orElse(false);
                    }
                }
            }
        }
        return new InitResponse(ref, versions(n), options(n), n.require(CONTEXT, 5, "preferredMessageSize").asInt(),
                n.require(CONTEXT, 6, "exceptionalRecordSize").asInt(), n.require(CONTEXT, 12, "result").asBoolean(),
                str(n, 110), str(n, 111), str(n, 112), null, selected, recs);
    }

    private static SearchRequest searchRequest(BerNode n, byte[] ref) {
        BerNode q = n.require(CONTEXT, 21, "query").inner();
        int type = q.tag();
        String set = null;
        RpnNode rpn = null;
        if (q.tagClass() == CONTEXT && (type == 1 || type == 101)) {
            if (q.children().size() != 2) {
                throw new BerException("RPNQuery needs attributeSet and rpn");
            }
            set = q.children().get(0).asOid();
            rpn = rpn(q.children().get(1), 0);
        }
        String cql = q.tagClass() == CONTEXT && type == 104 ? cql(q) : null;
        return new SearchRequest(ref, n.require(CONTEXT, 13, "smallSetUpperBound").asInt(), n.require(CONTEXT, 14, "largeSetLowerBound").asInt(),
                n.require(CONTEXT, 15, "mediumSetPresentNumber").asInt(), n.require(CONTEXT, 16, "replaceIndicator").asBoolean(),
                n.require(CONTEXT, 17, "resultSetName").asString(), strings(n.require(CONTEXT, 18, "databaseNames"), 105),
                n.ctxChild(100).map(Z3950PduReader::esn).orElse(null), n.ctxChild(101).map(Z3950PduReader::esn).orElse(null),
                n.ctxChild(104).map(BerNode::asOid).orElse(null), q.tagClass() == CONTEXT ? type : -1, set, rpn, cql);
    }

    /**
     * The CQL text of a type-104 query: an EXTERNAL with direct-reference {@link Oids#CQL} and the query as
     * single-ASN1-type [0] (an InternationalString, as YAZ sends it) or octet-aligned [1]; null for other externals.
     */
    private static String cql(BerNode external) {
        String oid = null;
        String text = null;
        for (BerNode c : external.children()) {
            if (c.is(BerNode.UNIVERSAL, 6)) {
                oid = c.asOid();
            } else if (c.isContext(0) && c.isConstructed() && !c.children().isEmpty()) {
                text = c.children().get(0).asString();
            } else if (c.isContext(0) || c.isContext(1)) {
                text = c.asString();
            }
        }
        return Oids.CQL.equals(oid) ? text : null;
    }

    static RpnNode rpn(BerNode s, int depth) {
        if (depth > MAX_RPN_DEPTH) {
            throw new BerException("query nested deeper than " + MAX_RPN_DEPTH);
        }
        if (s.isContext(0)) {
            BerNode operand = s.inner();
            if (operand.isContext(102)) {
                return attributesPlusTerm(operand);
            } else if (operand.isContext(31)) {
                return new RpnNode.ResultSetRef(operand.asString());
            } else if (operand.isContext(214)) {
                return new RpnNode.ResultSetRef(operand.require(CONTEXT, 31, "resultSet").asString());
            }
            throw new BerException("unknown operand " + operand);
        } else if (s.isContext(1)) {
            if (s.children().size() != 3) {
                throw new BerException("rpnRpnOp needs three elements");
            }
            BerNode op = s.children().get(2);
            if (!op.isContext(46)) {
                throw new BerException("operator expected");
            }
            int o = op.inner().tag();
            RpnNode.Proximity prox = o == RpnNode.Op.PROX ? proximity(op.inner()) : null;
            return new RpnNode.Op(o, rpn(s.children().get(0), depth + 1), rpn(s.children().get(1), depth + 1), prox);
        }
        throw new BerException("unknown RPNStructure " + s);
    }

    /** The ProximityOperator of a prox operator ({@link RpnNode.Proximity}). */
    static RpnNode.Proximity proximity(BerNode p) {
        boolean exclusion = p.ctxChild(1).map(BerNode::asBoolean).orElse(false);
        int distance = p.require(CONTEXT, 2, "distance").asInt();
        boolean ordered = p.require(CONTEXT, 3, "ordered").asBoolean();
        int relation = p.require(CONTEXT, 4, "relationType").asInt();
        BerNode unit = p.require(CONTEXT, 5, "proximityUnitCode");
        BerNode choice = unit.isConstructed() && !unit.children().isEmpty() ? unit.children().get(0) : unit;
        if (!choice.isContext(1) && !choice.isContext(2)) {
            throw new BerException("proximityUnitCode must be known [1] or private [2]");
        }
        return new RpnNode.Proximity(exclusion, distance, ordered, relation, choice.isContext(1), choice.asInt());
    }

    static RpnNode.AttributesPlusTerm attributesPlusTerm(BerNode apt) {
        BerNode list = apt.require(CONTEXT, 44, "attributes");
        if (list.children().size() > 64) {
            throw new BerException("too many attributes");
        }
        List<AttributeElement> attrs = attributes(list);
        BerNode t = apt.children().stream().filter(c -> !c.isContext(44)).findFirst().orElseThrow(() -> new BerException("term missing"));
        RpnNode.Term term;
        if (t.isContext(45) || t.isContext(216)) {
            term = new RpnNode.Term(t.tag(), t.asString(), 0);
        } else if (t.isContext(215)) {
            term = new RpnNode.Term(215, null, t.asLong());
        } else {
            term = new RpnNode.Term(t.tag(), "", 0);
        }
        return new RpnNode.AttributesPlusTerm(attrs, term);
    }

    private static List<AttributeElement> attributes(BerNode list) {
        List<AttributeElement> attrs = new ArrayList<>();
        for (BerNode ae : list.children()) {
            String set = ae.ctxChild(1).map(BerNode::asOid).orElse(null);
            int type = ae.require(CONTEXT, 120, "attributeType").asInt();
            Optional<BerNode> num = ae.ctxChild(121);
            if (num.isPresent()) {
                attrs.add(new AttributeElement(set, type, num.get().asLong(), null));
            } else {
                String cv = ae.ctxChild(224).flatMap(c -> c.ctxChild(1)).flatMap(l -> l.children().stream().findFirst())
                        .map(x -> x.isContext(2) ? Long.toString(x.asLong()) : x.asString()).orElse("");
                attrs.add(new AttributeElement(set, type, 0, cv));
            }
        }
        return attrs;
    }

    private static String esn(BerNode explicit) {
        BerNode c = explicit.inner();
        if (c.isContext(0)) {
            return c.asString();
        }
        // databaseSpecific: first element set name
        for (BerNode seq : c.children()) {
            Optional<BerNode> e = seq.child(CONTEXT, 103);
            if (e.isPresent()) {
                return e.get().asString();
            }
        }
        return null;
    }

    private static SearchResponse searchResponse(BerNode n, byte[] ref) {
        return new SearchResponse(ref, n.require(CONTEXT, 23, "resultCount").asInt(), n.require(CONTEXT, 24, "numberOfRecordsReturned").asInt(),
                n.require(CONTEXT, 25, "nextResultSetPosition").asInt(), n.require(CONTEXT, 22, "searchStatus").asBoolean(),
                n.ctxChild(26).map(BerNode::asInt).orElse(null), n.ctxChild(27).map(BerNode::asInt).orElse(null), records(n));
    }

    private static Records records(BerNode n) {
        Optional<BerNode> rr = n.ctxChild(28);
        if (rr.isPresent()) {
            List<NamePlusRecord> out = new ArrayList<>();
            for (BerNode npr : rr.get().children()) {
                String db = npr.ctxChild(0).map(BerNode::asString).orElse(null);
                BerNode choice = npr.require(CONTEXT, 1, "record").inner();
                if (choice.isContext(1)) {
                    out.add(NamePlusRecord.of(db, external(choice.inner())));
                } else if (choice.isContext(2)) {
                    out.add(NamePlusRecord.diagnostic(db, diag(choice.inner())));
                } else {
                    throw new BerException("record fragments are not supported");
                }
            }
            return new ResponseRecords(out);
        }
        Optional<BerNode> ns = n.ctxChild(130);
        if (ns.isPresent()) {
            return new NonSurrogateDiagnostic(diagFields(ns.get()));
        }
        Optional<BerNode> multi = n.ctxChild(205);
        if (multi.isPresent() && !multi.get().children().isEmpty()) {
            List<Diag> diags = new ArrayList<>();
            for (BerNode d : multi.get().children()) {
                diags.add(diag(d));
            }
            return new MultipleNonSurrogateDiagnostics(diags);
        }
        return null;
    }

    static External external(BerNode e) {
        if (!e.is(UNIVERSAL, 8)) {
            throw new BerException("EXTERNAL expected");
        }
        String oid = e.child(UNIVERSAL, 6).map(BerNode::asOid).orElse(null);
        Optional<BerNode> oct = e.ctxChild(1);
        if (oct.isPresent()) {
            return External.octets(oid, oct.get().asBytes());
        }
        Optional<BerNode> single = e.ctxChild(0);
        if (single.isPresent()) {
            return External.single(oid, single.get().inner().encode());
        }
        throw new BerException("EXTERNAL encoding not supported");
    }

    private static Diag diag(BerNode diagRec) {
        if (diagRec.is(UNIVERSAL, 16)) {
            return diagFields(diagRec);
        }
        return Diag.bib1(100, "externally defined diagnostic");
    }

    private static Diag diagFields(BerNode d) {
        String set = d.child(UNIVERSAL, 6).map(BerNode::asOid).orElse(Oids.BIB1_DIAGNOSTICS);
        int cond = d.require(UNIVERSAL, 2, "condition").asInt();
        String add = d.child(UNIVERSAL, 26).or(() -> d.child(UNIVERSAL, 27)).map(BerNode::asString).orElse("");
        return new Diag(set, cond, add);
    }

    private static List<Diag> diagList(BerNode seq) {
        List<Diag> out = new ArrayList<>();
        for (BerNode d : seq.children()) {
            out.add(diag(d));
        }
        return out;
    }

    private static PresentRequest presentRequest(BerNode n, byte[] ref) {
        return new PresentRequest(ref, n.require(CONTEXT, 31, "resultSetId").asString(), n.require(CONTEXT, 30, "resultSetStartPoint").asInt(),
                n.require(CONTEXT, 29, "numberOfRecordsRequested").asInt(), n.ctxChild(19).map(Z3950PduReader::esn).orElse(null),
                n.ctxChild(104).map(BerNode::asOid).orElse(null), n.ctxChild(209).isPresent());
    }

    private static DeleteResultSetResponse deleteResponse(BerNode n, byte[] ref) {
        List<DeleteStatus> st = new ArrayList<>();
        n.ctxChild(1).ifPresent(l -> {
            for (BerNode s : l.children()) {
                st.add(new DeleteStatus(s.require(CONTEXT, 31, "id").asString(), s.require(CONTEXT, 33, "status").asInt()));
            }
        });
        return new DeleteResultSetResponse(ref, n.require(CONTEXT, 0, "deleteOperationStatus").asInt(), st);
    }

    private static ScanRequest scanRequest(BerNode n, byte[] ref) {
        return new ScanRequest(ref, strings(n.require(CONTEXT, 3, "databaseNames"), 105), n.child(UNIVERSAL, 6).map(BerNode::asOid).orElse(null),
                attributesPlusTerm(n.require(CONTEXT, 102, "termListAndStartPoint")), n.ctxChild(5).map(BerNode::asInt).orElse(null),
                n.require(CONTEXT, 6, "numberOfTermsRequested").asInt(), n.ctxChild(7).map(BerNode::asInt).orElse(null));
    }

    private static ScanResponse scanResponse(BerNode n, byte[] ref) {
        List<ScanTerm> terms = new ArrayList<>();
        List<Diag> diags = new ArrayList<>();
        n.ctxChild(7).ifPresent(le -> {
            le.ctxChild(1).ifPresent(entries -> {
                for (BerNode e : entries.children()) {
                    if (e.isContext(1)) {
                        BerNode t = e.first();
                        terms.add(new ScanTerm(t.isContext(215) ? Long.toString(t.asLong()) : t.asString(),
                                e.ctxChild(0).map(BerNode::asString).orElse(null), e.ctxChild(2).map(BerNode::asLong).orElse(0L)));
                    } else {
                        diags.add(diag(e.inner()));
                    }
                }
            });
            le.ctxChild(2).ifPresent(d -> diags.addAll(diagList(d)));
        });
        return new ScanResponse(ref, n.ctxChild(3).map(BerNode::asInt).orElse(0), n.require(CONTEXT, 4, "scanStatus").asInt(),
                n.ctxChild(6).map(BerNode::asInt).orElse(null), terms, diags);
    }

    private static SortRequest sortRequest(BerNode n, byte[] ref) {
        List<SortKeySpec> keys = new ArrayList<>();
        for (BerNode spec : n.require(CONTEXT, 5, "sortSequence").children()) {
            BerNode element = spec.first();
            BerNode rest = BerNode.sequence(spec.children().subList(1, spec.children().size()));
            int rel = rest.ctxChild(1).map(BerNode::asInt).orElse(0);
            int cs = rest.ctxChild(2).map(BerNode::asInt).orElse(0);
            if (element.isContext(1)) {
                BerNode key = element.inner();
                if (key.isContext(0)) {
                    keys.add(new SortKeySpec(List.of(), key.asString(), rel, cs));
                } else if (key.isContext(2)) {
                    keys.add(new SortKeySpec(attributes(key.require(CONTEXT, 44, "sort attributes")), null, rel, cs));
                } else {
                    keys.add(new SortKeySpec(List.of(), "", rel, cs));
                }
            } else {
                keys.add(new SortKeySpec(List.of(), "", rel, cs));
            }
        }
        return new SortRequest(ref, strings(n.require(CONTEXT, 3, "inputResultSetNames"), -1),
                n.require(CONTEXT, 4, "sortedResultSetName").asString(), keys);
    }

    private static List<String> strings(BerNode seq, int tag) {
        if (seq.children().size() > MAX_LIST) {
            throw new BerException("list too long");
        }
        List<String> out = new ArrayList<>();
        for (BerNode c : seq.children()) {
            if (tag < 0 || c.isContext(tag)) {
                out.add(c.asString());
            }
        }
        return out;
    }

    private static String str(BerNode n, int tag) {
        return n.ctxChild(tag).map(BerNode::asString).orElse(null);
    }
}
