package org.stackbridge.z3950.pdu;

import static org.stackbridge.z3950.ber.BerNode.CONTEXT;
import static org.stackbridge.z3950.ber.BerNode.UNIVERSAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.pdu.Z3950Pdu.*;

/**
 * {@link Z3950Pdu} value to BER: the static core of {@link Z3950Encoder}. Follows Z39-50-APDU-1995; the PDU tag
 * comes from {@link Z3950PduType}. Always writes definite lengths.
 */
public final class Z3950PduWriter {

    private Z3950PduWriter() {
    }

    public static byte[] write(Z3950Pdu pdu) {
        return toBer(pdu).encode();
    }

    public static BerNode toBer(Z3950Pdu pdu) {
        List<BerNode> f = new ArrayList<>();
        if (pdu.referenceId() != null) {
            f.add(BerNode.ctxBytes(2, pdu.referenceId()));
        }
        Z3950PduType type;
        if (pdu instanceof InitRequest r) {
            type = Z3950PduType.INIT_REQUEST;
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
            type = Z3950PduType.INIT_RESPONSE;
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
            type = Z3950PduType.SEARCH_REQUEST;
            if (r.rpn() == null) {
                throw new IllegalArgumentException("query type " + r.queryType() + " is not modelled; only RPN queries are encoded");
            }
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
            type = Z3950PduType.SEARCH_RESPONSE;
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
            type = Z3950PduType.PRESENT_REQUEST;
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
            type = Z3950PduType.PRESENT_RESPONSE;
            f.add(BerNode.ctxInt(24, r.numberOfRecordsReturned()));
            f.add(BerNode.ctxInt(25, r.nextResultSetPosition()));
            f.add(BerNode.ctxInt(27, r.presentStatus()));
            addRecords(f, r.records());
        } else if (pdu instanceof DeleteResultSetRequest r) {
            type = Z3950PduType.DELETE_RESULT_SET_REQUEST;
            f.add(BerNode.ctxInt(32, r.deleteFunction()));
            if (!r.resultSetList().isEmpty()) {
                f.add(BerNode.sequence(r.resultSetList().stream().map(s -> BerNode.ctxString(31, s)).toList()));
            }
        } else if (pdu instanceof DeleteResultSetResponse r) {
            type = Z3950PduType.DELETE_RESULT_SET_RESPONSE;
            f.add(BerNode.ctxInt(0, r.deleteOperationStatus()));
            if (!r.listStatuses().isEmpty()) {
                f.add(BerNode.ctx(1, r.listStatuses().stream()
                        .map(s -> BerNode.sequence(BerNode.ctxString(31, s.resultSetId()), BerNode.ctxInt(33, s.status()))).toList()));
            }
        } else if (pdu instanceof ScanRequest r) {
            type = Z3950PduType.SCAN_REQUEST;
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
            type = Z3950PduType.SCAN_RESPONSE;
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
                le.add(BerNode.ctx(2, r.diagnostics().stream().map(Z3950PduWriter::diagSequence).toList()));
            }
            if (!le.isEmpty()) {
                f.add(BerNode.ctx(7, le));
            }
        } else if (pdu instanceof SortRequest r) {
            type = Z3950PduType.SORT_REQUEST;
            f.add(BerNode.ctx(3, r.inputResultSetNames().stream().map(BerNode::generalString).toList()));
            f.add(BerNode.ctxString(4, r.sortedResultSetName()));
            f.add(BerNode.ctx(5, r.sortSequence().stream().map(k -> {
                BerNode key = k.sortField() != null ? BerNode.ctxString(0, k.sortField())
                        : BerNode.ctx(2, BerNode.oid(Oids.BIB1_ATTRIBUTES), attributesToBer(k.attributes()));
                return BerNode.sequence(BerNode.ctx(1, key), BerNode.ctxInt(1, k.sortRelation()), BerNode.ctxInt(2, k.caseSensitivity()));
            }).toList()));
        } else if (pdu instanceof SortResponse r) {
            type = Z3950PduType.SORT_RESPONSE;
            f.add(BerNode.ctxInt(3, r.sortStatus()));
            if (r.resultSetStatus() != null) {
                f.add(BerNode.ctxInt(4, r.resultSetStatus()));
            }
            if (!r.diagnostics().isEmpty()) {
                f.add(BerNode.ctx(5, r.diagnostics().stream().map(Z3950PduWriter::diagSequence).toList()));
            }
        } else if (pdu instanceof Close r) {
            type = Z3950PduType.CLOSE;
            f.add(BerNode.ctxInt(211, r.closeReason()));
            addStr(f, 3, r.diagnosticInformation());
        } else if (pdu instanceof Unsupported u) {
            return BerNode.ctx(u.tag(), f);
        } else {
            throw new IllegalArgumentException("cannot encode " + pdu);
        }
        return BerNode.ctx(type.tag(), f);
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
            f.add(BerNode.ctx(205, m.diags().stream().map(Z3950PduWriter::diagSequence).toList()));
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
            BerNode operator = op.proximity() == null ? BerNode.ctxNull(op.operator()) : proximityToBer(op.proximity());
            return BerNode.ctx(1, rpnToBer(op.left()), rpnToBer(op.right()), BerNode.ctx(46, operator));
        }
        throw new IllegalArgumentException("unknown RPN node");
    }

    private static BerNode proximityToBer(RpnNode.Proximity p) {
        return BerNode.ctx(RpnNode.Op.PROX, BerNode.ctxBool(1, p.exclusion()), BerNode.ctxInt(2, p.distance()), BerNode.ctxBool(3, p.ordered()),
                BerNode.ctxInt(4, p.relation()), BerNode.ctx(5, BerNode.ctxInt(p.known() ? 1 : 2, p.unit())));
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
