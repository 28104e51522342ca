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
 * BER &lt;-&gt; {@link Z3950Pdu}. Follows Z39-50-APDU-1995 (explicit tagging unless IMPLICIT is written). Every
 * decode either returns a value or throws {@link BerException} with the reason.
 */
public final class Z3950Codec {

    private static final int MAX_RPN_DEPTH = 48;
    private static final int MAX_LIST = 1000;

    private Z3950Codec() {
    }

    // ================================================================== decode

    public static Z3950Pdu decode(byte[] pdu) {
        return decode(BerNode.decode(pdu));
    }

    public static Z3950Pdu decode(BerNode n) {
        if (n.tagClass() != CONTEXT || !n.isConstructed()) {
            throw new BerException("not a Z39.50 PDU: " + n);
        }
        byte[] ref = n.ctxChild(2).map(BerNode::asBytes).orElse(null);
        return switch (n.tag()) {
            case 20 -> initRequest(n, ref);
            case 21 -> initResponse(n, ref);
            case 22 -> searchRequest(n, ref);
            case 23 -> searchResponse(n, ref);
            case 24 -> presentRequest(n, ref);
            case 25 -> new PresentResponse(ref, n.require(CONTEXT, 24, "numberOfRecordsReturned").asInt(),
                    n.require(CONTEXT, 25, "nextResultSetPosition").asInt(), n.require(CONTEXT, 27, "presentStatus").asInt(), records(n));
            case 26 -> new DeleteResultSetRequest(ref, n.require(CONTEXT, 32, "deleteFunction").asInt(),
                    n.child(UNIVERSAL, 16).map(s -> strings(s, 31)).orElse(List.of()));
            case 27 -> deleteResponse(n, ref);
            case 35 -> scanRequest(n, ref);
            case 36 -> scanResponse(n, ref);
            case 43 -> sortRequest(n, ref);
            case 44 -> new SortResponse(ref, n.require(CONTEXT, 3, "sortStatus").asInt(), n.ctxChild(4).map(BerNode::asInt).orElse(null),
                    n.ctxChild(5).map(Z3950Codec::diagList).orElse(List.of()));
            case 48 -> new Close(ref, n.require(CONTEXT, 211, "closeReason").asInt(), n.ctxChild(3).map(BerNode::asString).orElse(null));
            default -> {
                if (n.tag() < 20 || n.tag() > 50) {
                    throw new BerException("unknown PDU tag [" + n.tag() + "]");
                }
                yield new Unsupported(ref, n.tag());
            }
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
                n.ctxChild(201).map(Z3950Codec::charsetProposal).orElse(null));
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
        return new SearchRequest(ref, n.require(CONTEXT, 13, "smallSetUpperBound").asInt(), n.require(CONTEXT, 14, "largeSetLowerBound").asInt(),
                n.require(CONTEXT, 15, "mediumSetPresentNumber").asInt(), n.require(CONTEXT, 16, "replaceIndicator").asBoolean(),
                n.require(CONTEXT, 17, "resultSetName").asString(), strings(n.require(CONTEXT, 18, "databaseNames"), 105),
                n.ctxChild(100).map(Z3950Codec::esn).orElse(null), n.ctxChild(101).map(Z3950Codec::esn).orElse(null),
                n.ctxChild(104).map(BerNode::asOid).orElse(null), q.tagClass() == CONTEXT ? type : -1, set, rpn);
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
            return new RpnNode.Op(o, rpn(s.children().get(0), depth + 1), rpn(s.children().get(1), depth + 1));
        }
        throw new BerException("unknown RPNStructure " + s);
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
                n.require(CONTEXT, 29, "numberOfRecordsRequested").asInt(), n.ctxChild(19).map(Z3950Codec::esn).orElse(null),
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

    // ================================================================== encode

    public static byte[] encode(Z3950Pdu pdu) {
        return toBer(pdu).encode();
    }

    public static BerNode toBer(Z3950Pdu pdu) {
        List<BerNode> f = new ArrayList<>();
        if (pdu.referenceId() != null) {
            f.add(BerNode.ctxBytes(2, pdu.referenceId()));
        }
        int tag;
        if (pdu instanceof InitRequest r) {
            tag = 20;
            initCommon(f, r.versions(), r.options(), r.preferredMessageSize(), r.exceptionalRecordSize());
            if (r.authentication() != null) {
                Authentication a = r.authentication();
                BerNode inner = switch (a.kind()) {
                    case Authentication.OPEN -> BerNode.string(UNIVERSAL, 26, a.user() + (a.password() == null ? "" : "/" + a.password()));
                    case Authentication.ID_PASS -> BerNode.sequence(opt(0, a.group()), opt(1, a.user()), opt(2, a.password()));
                    default -> BerNode.primitive(UNIVERSAL, 5, new byte[0]);
                };
                f.add(BerNode.ctx(7, inner));
            }
            addStr(f, 110, r.implementationId());
            addStr(f, 111, r.implementationName());
            addStr(f, 112, r.implementationVersion());
            if (r.charsetProposal() != null) {
                List<BerNode> sets = new ArrayList<>();
                for (String cs : r.charsetProposal().charsets()) {
                    if (cs.equals("utf-8")) {
                        sets.add(BerNode.ctx(2, BerNode.oid(CONTEXT, 2, Oids.UTF8_ENCODING)));
                    }
                }
                BerNode proposal = BerNode.ctx(1, BerNode.ctx(1, sets), BerNode.ctxBool(3, r.charsetProposal().recordsInSelectedCharsets()));
                f.add(otherInfoExternal(Oids.CHARSET_NEGOTIATION_3, proposal));
            }
        } else if (pdu instanceof InitResponse r) {
            tag = 21;
            initCommon(f, r.versions(), r.options(), r.preferredMessageSize(), r.exceptionalRecordSize());
            f.add(BerNode.ctxBool(12, r.result()));
            addStr(f, 110, r.implementationId());
            addStr(f, 111, r.implementationName());
            addStr(f, 112, r.implementationVersion());
            if (r.refusal() != null) {
                // userInformationField [11] EXTERNAL carrying a DefaultDiagFormat (YAZ reads it as diag-1)
                f.add(BerNode.ctx(11, BerNode.constructed(UNIVERSAL, 8, BerNode.oid("1.2.840.10003.4.1"),
                        BerNode.ctx(0, diagSequence(r.refusal())))));
            }
            if (r.selectedCharset() != null) {
                BerNode response = BerNode.ctx(2, BerNode.ctx(1, BerNode.ctx(2, BerNode.oid(CONTEXT, 2, Oids.UTF8_ENCODING))),
                        BerNode.ctxBool(3, r.recordsInSelectedCharset()));
                f.add(otherInfoExternal(Oids.CHARSET_NEGOTIATION_3, response));
            }
        } else if (pdu instanceof SearchRequest r) {
            tag = 22;
            f.add(BerNode.ctxInt(13, r.smallSetUpperBound()));
            f.add(BerNode.ctxInt(14, r.largeSetLowerBound()));
            f.add(BerNode.ctxInt(15, r.mediumSetPresentNumber()));
            f.add(BerNode.ctxBool(16, r.replaceIndicator()));
            f.add(BerNode.ctxString(17, r.resultSetName()));
            f.add(BerNode.ctx(18, r.databaseNames().stream().map(d -> BerNode.ctxString(105, d)).toList()));
            if (r.smallSetElementSetName() != null) {
                f.add(BerNode.ctx(100, BerNode.ctxString(0, r.smallSetElementSetName())));
            }
            if (r.mediumSetElementSetName() != null) {
                f.add(BerNode.ctx(101, BerNode.ctxString(0, r.mediumSetElementSetName())));
            }
            if (r.preferredRecordSyntax() != null) {
                f.add(BerNode.oid(CONTEXT, 104, r.preferredRecordSyntax()));
            }
            f.add(BerNode.ctx(21, BerNode.ctx(r.queryType(), BerNode.oid(r.attributeSet() == null ? Oids.BIB1_ATTRIBUTES : r.attributeSet()), rpnToBer(r.rpn()))));
        } else if (pdu instanceof SearchResponse r) {
            tag = 23;
            f.add(BerNode.ctxInt(23, r.resultCount()));
            f.add(BerNode.ctxInt(24, r.numberOfRecordsReturned()));
            f.add(BerNode.ctxInt(25, r.nextResultSetPosition()));
            f.add(BerNode.ctxBool(22, r.searchStatus()));
            if (r.resultSetStatus() != null) {
                f.add(BerNode.ctxInt(26, r.resultSetStatus()));
            }
            if (r.presentStatus() != null) {
                f.add(BerNode.ctxInt(27, r.presentStatus()));
            }
            addRecords(f, r.records());
        } else if (pdu instanceof PresentRequest r) {
            tag = 24;
            f.add(BerNode.ctxString(31, r.resultSetId()));
            f.add(BerNode.ctxInt(30, r.resultSetStartPoint()));
            f.add(BerNode.ctxInt(29, r.numberOfRecordsRequested()));
            if (r.elementSetName() != null) {
                f.add(BerNode.ctx(19, BerNode.ctxString(0, r.elementSetName())));
            }
            if (r.preferredRecordSyntax() != null) {
                f.add(BerNode.oid(CONTEXT, 104, r.preferredRecordSyntax()));
            }
        } else if (pdu instanceof PresentResponse r) {
            tag = 25;
            f.add(BerNode.ctxInt(24, r.numberOfRecordsReturned()));
            f.add(BerNode.ctxInt(25, r.nextResultSetPosition()));
            f.add(BerNode.ctxInt(27, r.presentStatus()));
            addRecords(f, r.records());
        } else if (pdu instanceof DeleteResultSetRequest r) {
            tag = 26;
            f.add(BerNode.ctxInt(32, r.deleteFunction()));
            if (!r.resultSetList().isEmpty()) {
                f.add(BerNode.sequence(r.resultSetList().stream().map(s -> BerNode.ctxString(31, s)).toList()));
            }
        } else if (pdu instanceof DeleteResultSetResponse r) {
            tag = 27;
            f.add(BerNode.ctxInt(0, r.deleteOperationStatus()));
            if (!r.listStatuses().isEmpty()) {
                f.add(BerNode.ctx(1, r.listStatuses().stream()
                        .map(s -> BerNode.sequence(BerNode.ctxString(31, s.resultSetId()), BerNode.ctxInt(33, s.status()))).toList()));
            }
        } else if (pdu instanceof ScanRequest r) {
            tag = 35;
            f.add(BerNode.ctx(3, r.databaseNames().stream().map(d -> BerNode.ctxString(105, d)).toList()));
            if (r.attributeSet() != null) {
                f.add(BerNode.oid(r.attributeSet()));
            }
            f.add(aptToBer(r.termListAndStartPoint()));
            if (r.stepSize() != null) {
                f.add(BerNode.ctxInt(5, r.stepSize()));
            }
            f.add(BerNode.ctxInt(6, r.numberOfTermsRequested()));
            if (r.preferredPositionInResponse() != null) {
                f.add(BerNode.ctxInt(7, r.preferredPositionInResponse()));
            }
        } else if (pdu instanceof ScanResponse r) {
            tag = 36;
            f.add(BerNode.ctxInt(3, r.stepSize()));
            f.add(BerNode.ctxInt(4, r.scanStatus()));
            f.add(BerNode.ctxInt(5, r.entries().size()));
            if (r.positionOfTerm() != null) {
                f.add(BerNode.ctxInt(6, r.positionOfTerm()));
            }
            List<BerNode> le = new ArrayList<>();
            if (!r.entries().isEmpty()) {
                le.add(BerNode.ctx(1, r.entries().stream().map(t -> {
                    List<BerNode> ti = new ArrayList<>();
                    ti.add(BerNode.ctxString(45, t.term()));
                    if (t.displayTerm() != null) {
                        ti.add(BerNode.ctxString(0, t.displayTerm()));
                    }
                    ti.add(BerNode.ctxInt(2, t.globalOccurrences()));
                    return BerNode.ctx(1, ti);
                }).toList()));
            }
            if (!r.diagnostics().isEmpty()) {
                le.add(BerNode.ctx(2, r.diagnostics().stream().map(Z3950Codec::diagSequence).toList()));
            }
            if (!le.isEmpty()) {
                f.add(BerNode.ctx(7, le));
            }
        } else if (pdu instanceof SortRequest r) {
            tag = 43;
            f.add(BerNode.ctx(3, r.inputResultSetNames().stream().map(BerNode::generalString).toList()));
            f.add(BerNode.ctxString(4, r.sortedResultSetName()));
            f.add(BerNode.ctx(5, r.sortSequence().stream().map(k -> {
                BerNode key = k.sortField() != null ? BerNode.ctxString(0, k.sortField())
                        : BerNode.ctx(2, BerNode.oid(Oids.BIB1_ATTRIBUTES), attributesToBer(k.attributes()));
                return BerNode.sequence(BerNode.ctx(1, key), BerNode.ctxInt(1, k.sortRelation()), BerNode.ctxInt(2, k.caseSensitivity()));
            }).toList()));
        } else if (pdu instanceof SortResponse r) {
            tag = 44;
            f.add(BerNode.ctxInt(3, r.sortStatus()));
            if (r.resultSetStatus() != null) {
                f.add(BerNode.ctxInt(4, r.resultSetStatus()));
            }
            if (!r.diagnostics().isEmpty()) {
                f.add(BerNode.ctx(5, r.diagnostics().stream().map(Z3950Codec::diagSequence).toList()));
            }
        } else if (pdu instanceof Close r) {
            tag = 48;
            f.add(BerNode.ctxInt(211, r.closeReason()));
            addStr(f, 3, r.diagnosticInformation());
        } else if (pdu instanceof Unsupported u) {
            tag = u.tag();
        } else {
            throw new IllegalArgumentException("cannot encode " + pdu);
        }
        return BerNode.ctx(tag, f);
    }

    private static void initCommon(List<BerNode> f, int versions, long options, int pref, int exc) {
        boolean[] v = new boolean[3];
        for (int i = 0; i < 3; i++) {
            v[i] = (versions & (1 << i)) != 0;
        }
        f.add(BerNode.bits(CONTEXT, 3, 3, v));
        int top = 0;
        for (int i = 0; i < 32; i++) {
            if ((options & (1L << i)) != 0) {
                top = i + 1;
            }
        }
        boolean[] o = new boolean[Math.max(top, 1)];
        for (int i = 0; i < o.length; i++) {
            o[i] = (options & (1L << i)) != 0;
        }
        f.add(BerNode.bits(CONTEXT, 4, o.length, o));
        f.add(BerNode.ctxInt(5, pref));
        f.add(BerNode.ctxInt(6, exc));
    }

    private static BerNode otherInfoExternal(String oid, BerNode single) {
        return BerNode.ctx(201, BerNode.sequence(BerNode.ctx(4, BerNode.oid(oid), BerNode.ctx(0, single))));
    }

    private static BerNode opt(int tag, String s) {
        return s == null ? null : BerNode.ctxString(tag, s);
    }

    private static void addStr(List<BerNode> f, int tag, String s) {
        if (s != null) {
            f.add(BerNode.ctxString(tag, s));
        }
    }

    private static void addRecords(List<BerNode> f, Records records) {
        if (records instanceof ResponseRecords rr) {
            List<BerNode> list = new ArrayList<>(rr.records().size());
            for (NamePlusRecord npr : rr.records()) {
                List<BerNode> parts = new ArrayList<>(2);
                if (npr.databaseName() != null) {
                    parts.add(BerNode.ctxString(0, npr.databaseName()));
                }
                BerNode choice = npr.record() != null ? BerNode.ctx(1, externalToBer(npr.record()))
                        : BerNode.ctx(2, diagSequence(npr.surrogateDiagnostic()));
                parts.add(BerNode.ctx(1, choice));
                list.add(BerNode.sequence(parts));
            }
            f.add(BerNode.ctx(28, list));
        } else if (records instanceof NonSurrogateDiagnostic ns) {
            f.add(BerNode.ctx(130, diagContents(ns.diag())));
        } else if (records instanceof MultipleNonSurrogateDiagnostics m) {
            f.add(BerNode.ctx(205, m.diags().stream().map(Z3950Codec::diagSequence).toList()));
        }
    }

    public static BerNode externalToBer(External e) {
        BerNode enc = e.octetAligned() != null ? BerNode.ctxBytes(1, e.octetAligned()) : BerNode.ctx(0, BerNode.decode(e.singleAsn1Type()));
        return e.oid() == null ? BerNode.constructed(UNIVERSAL, 8, enc) : BerNode.constructed(UNIVERSAL, 8, BerNode.oid(e.oid()), enc);
    }

    private static List<BerNode> diagContents(Diag d) {
        boolean ascii = d.addinfo().chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        BerNode add = ascii ? BerNode.string(UNIVERSAL, 26, d.addinfo())
                : BerNode.primitive(UNIVERSAL, 27, d.addinfo().getBytes(StandardCharsets.UTF_8));
        return List.of(BerNode.oid(d.setOid()), BerNode.integer(UNIVERSAL, 2, d.condition()), add);
    }

    static BerNode diagSequence(Diag d) {
        return BerNode.sequence(diagContents(d));
    }

    public static BerNode rpnToBer(RpnNode n) {
        if (n instanceof RpnNode.AttributesPlusTerm apt) {
            return BerNode.ctx(0, aptToBer(apt));
        } else if (n instanceof RpnNode.ResultSetRef ref) {
            return BerNode.ctx(0, BerNode.ctxString(31, ref.name()));
        } else if (n instanceof RpnNode.Op op) {
            return BerNode.ctx(1, rpnToBer(op.left()), rpnToBer(op.right()), BerNode.ctx(46, BerNode.ctxNull(op.operator())));
        }
        throw new IllegalArgumentException("unknown RPN node");
    }

    private static BerNode aptToBer(RpnNode.AttributesPlusTerm apt) {
        RpnNode.Term t = apt.term();
        BerNode term = t.kind() == RpnNode.Term.NUMERIC ? BerNode.ctxInt(215, t.numeric()) : BerNode.ctxString(t.kind(), t.text());
        return BerNode.ctx(102, attributesToBer(apt.attributes()), term);
    }

    private static BerNode attributesToBer(List<AttributeElement> attrs) {
        return BerNode.ctx(44, attrs.stream().map(a -> {
            List<BerNode> p = new ArrayList<>(3);
            if (a.attributeSet() != null) {
                p.add(BerNode.oid(CONTEXT, 1, a.attributeSet()));
            }
            p.add(BerNode.ctxInt(120, a.type()));
            p.add(a.isComplex() ? BerNode.ctx(224, BerNode.ctx(1, BerNode.ctxString(1, a.complexValue())))
                    : BerNode.ctxInt(121, a.value()));
            return BerNode.sequence(p);
        }).toList());
    }
}
