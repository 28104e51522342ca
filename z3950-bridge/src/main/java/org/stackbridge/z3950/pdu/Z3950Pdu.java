package org.stackbridge.z3950.pdu;

import java.util.Arrays;
import java.util.List;

/**
 * The Z39.50 PDUs this target uses, as immutable values ({@code PDU ::= CHOICE { initRequest [20] ... }}).
 * {@link Z3950Decoder} reads them from BER frames, {@link Z3950Encoder} writes them.
 */
public sealed interface Z3950Pdu {

    /** ReferenceId ::= [2] IMPLICIT OCTET STRING; echoed in responses. */
    byte[] referenceId();

    /** initRequest [20]. Options and versions are bit masks (bit n = ASN.1 bit n). */
    record InitRequest(byte[] referenceId, int versions, long options, int preferredMessageSize, int exceptionalRecordSize,
                       Authentication authentication, String implementationId, String implementationName,
                       String implementationVersion, CharsetProposal charsetProposal) implements Z3950Pdu {
    }

    /** idAuthentication: open "user/password", idPass, anonymous, or other (unsupported). */
    record Authentication(String kind, String group, String user, String password) {
        public static final String OPEN = "open", ID_PASS = "idPass", ANONYMOUS = "anonymous", OTHER = "other";

        @Override
        public String toString() {
            return "Authentication[" + kind + ", user=" + user + ", password=***]";
        }
    }

    /** Character-set negotiation proposal (CharSetandLanguageNegotiation-3): proposed encodings by name. */
    record CharsetProposal(List<String> charsets, boolean recordsInSelectedCharsets) {
        public CharsetProposal {
            charsets = List.copyOf(charsets);
        }
    }

    /** initResponse [21]; {@code selectedCharset} answers a negotiation ("utf-8"), null when not negotiated. */
    record InitResponse(byte[] referenceId, int versions, long options, int preferredMessageSize, int exceptionalRecordSize,
                        boolean result, String implementationId, String implementationName, String implementationVersion,
                        Diag refusal, String selectedCharset, boolean recordsInSelectedCharset) implements Z3950Pdu {
    }

    /** searchRequest [22]; {@code queryType} 1 or 101 carry {@code rpn}, other types only the type number. */
    record SearchRequest(byte[] referenceId, int smallSetUpperBound, int largeSetLowerBound, int mediumSetPresentNumber,
                         boolean replaceIndicator, String resultSetName, List<String> databaseNames, String smallSetElementSetName,
                         String mediumSetElementSetName, String preferredRecordSyntax, int queryType, String attributeSet,
                         RpnNode rpn, String cql) implements Z3950Pdu {
        public SearchRequest {
            databaseNames = List.copyOf(databaseNames);
        }

        /** A type-1/101 (RPN) search. */
        public SearchRequest(byte[] referenceId, int smallSetUpperBound, int largeSetLowerBound, int mediumSetPresentNumber,
                             boolean replaceIndicator, String resultSetName, List<String> databaseNames, String smallSetElementSetName,
                             String mediumSetElementSetName, String preferredRecordSyntax, int queryType, String attributeSet, RpnNode rpn) {
            this(referenceId, smallSetUpperBound, largeSetLowerBound, mediumSetPresentNumber, replaceIndicator, resultSetName, databaseNames,
                    smallSetElementSetName, mediumSetElementSetName, preferredRecordSyntax, queryType, attributeSet, rpn, null);
        }
    }

    /** searchResponse [23]; {@code resultSetStatus}/{@code presentStatus} null when absent. */
    record SearchResponse(byte[] referenceId, int resultCount, int numberOfRecordsReturned, int nextResultSetPosition,
                          boolean searchStatus, Integer resultSetStatus, Integer presentStatus, Records records) implements Z3950Pdu {
    }

    /** presentRequest [24]; {@code complexComposition} set when the origin sent a CompSpec. */
    record PresentRequest(byte[] referenceId, String resultSetId, int resultSetStartPoint, int numberOfRecordsRequested,
                          String elementSetName, String preferredRecordSyntax, boolean complexComposition) implements Z3950Pdu {
    }

    /** presentResponse [25]. */
    record PresentResponse(byte[] referenceId, int numberOfRecordsReturned, int nextResultSetPosition, int presentStatus,
                           Records records) implements Z3950Pdu {
    }

    /** deleteResultSetRequest [26]: function 0 list, 1 all. */
    record DeleteResultSetRequest(byte[] referenceId, int deleteFunction, List<String> resultSetList) implements Z3950Pdu {
        public DeleteResultSetRequest {
            resultSetList = List.copyOf(resultSetList);
        }
    }

    record DeleteStatus(String resultSetId, int status) {
    }

    /** deleteResultSetResponse [27]. */
    record DeleteResultSetResponse(byte[] referenceId, int deleteOperationStatus, List<DeleteStatus> listStatuses) implements Z3950Pdu {
        public DeleteResultSetResponse {
            listStatuses = List.copyOf(listStatuses);
        }
    }

    /** scanRequest [35]. */
    record ScanRequest(byte[] referenceId, List<String> databaseNames, String attributeSet, RpnNode.AttributesPlusTerm termListAndStartPoint,
                       Integer stepSize, int numberOfTermsRequested, Integer preferredPositionInResponse) implements Z3950Pdu {
        public ScanRequest {
            databaseNames = List.copyOf(databaseNames);
        }
    }

    record ScanTerm(String term, String displayTerm, long globalOccurrences) {
    }

    /** scanResponse [36]; status 0 success ... 6 failure. */
    record ScanResponse(byte[] referenceId, int stepSize, int scanStatus, Integer positionOfTerm, List<ScanTerm> entries,
                        List<Diag> diagnostics) implements Z3950Pdu {
        public ScanResponse {
            entries = List.copyOf(entries);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** SortKeySpec: Bib-1 attributes (sortAttributes) or a sort field name; relation 0 ascending, 1 descending. */
    record SortKeySpec(List<AttributeElement> attributes, String sortField, int sortRelation, int caseSensitivity) {
        public SortKeySpec {
            attributes = List.copyOf(attributes);
        }
    }

    /** sortRequest [43]. */
    record SortRequest(byte[] referenceId, List<String> inputResultSetNames, String sortedResultSetName,
                       List<SortKeySpec> sortSequence) implements Z3950Pdu {
        public SortRequest {
            inputResultSetNames = List.copyOf(inputResultSetNames);
            sortSequence = List.copyOf(sortSequence);
        }
    }

    /** sortResponse [44]: sortStatus 0 success, 1 partial, 2 failure. */
    record SortResponse(byte[] referenceId, int sortStatus, Integer resultSetStatus, List<Diag> diagnostics) implements Z3950Pdu {
        public SortResponse {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** close [48]. */
    record Close(byte[] referenceId, int closeReason, String diagnosticInformation) implements Z3950Pdu {
        public static final int FINISHED = 0, SHUTDOWN = 1, SYSTEM_PROBLEM = 2, COST_LIMIT = 3, RESOURCES = 4,
                SECURITY_VIOLATION = 5, PROTOCOL_ERROR = 6, LACK_OF_ACTIVITY = 7, PEER_ABORT = 8, UNSPECIFIED = 9;
    }

    /** A PDU this target does not implement (access/resource control, ES, segment, duplicate detection). */
    record Unsupported(byte[] referenceId, int tag) implements Z3950Pdu {
    }

    /**
     * Not a PDU: the value {@link Z3950Decoder} emits for a frame that is not a valid Z39.50 PDU (the documented
     * decoder failure, answered with close(protocolError)); never encoded.
     */
    record Undecodable(String reason) implements Z3950Pdu {
        @Override
        public byte[] referenceId() {
            return null;
        }
    }

    // ------------------------------------------------------------------ records

    /** Records ::= CHOICE { responseRecords [28], nonSurrogateDiagnostic [130], multipleNonSurDiagnostics [205] }. */
    sealed interface Records permits ResponseRecords, NonSurrogateDiagnostic, MultipleNonSurrogateDiagnostics {
    }

    record ResponseRecords(List<NamePlusRecord> records) implements Records {
        public ResponseRecords {
            records = List.copyOf(records);
        }
    }

    record NonSurrogateDiagnostic(Diag diag) implements Records {
    }

    /** multipleNonSurDiagnostics [205] (version 3): several diagnostics, e.g. one per failed target of a virtual database. */
    record MultipleNonSurrogateDiagnostics(List<Diag> diags) implements Records {
        public MultipleNonSurrogateDiagnostics {
            diags = List.copyOf(diags);
        }
    }

    /** NamePlusRecord ::= SEQUENCE { name [0] DatabaseName OPTIONAL, record [1] CHOICE { retrievalRecord [1], surrogateDiagnostic [2] } }. */
    record NamePlusRecord(String databaseName, External record, Diag surrogateDiagnostic) {
        public static NamePlusRecord of(String db, External record) {
            return new NamePlusRecord(db, record, null);
        }

        public static NamePlusRecord diagnostic(String db, Diag diag) {
            return new NamePlusRecord(db, null, diag);
        }
    }

    /**
     * EXTERNAL with a direct reference: octet-aligned bytes (MARC, XML) or a single ASN.1 type given as its
     * encoded BER (SUTRS, OPAC).
     */
    record External(String oid, byte[] octetAligned, byte[] singleAsn1Type) {
        public static External octets(String oid, byte[] b) {
            return new External(oid, b, null);
        }

        public static External single(String oid, byte[] ber) {
            return new External(oid, null, ber);
        }

        public int size() {
            return octetAligned != null ? octetAligned.length : singleAsn1Type == null ? 0 : singleAsn1Type.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof External e && java.util.Objects.equals(e.oid, oid) && Arrays.equals(e.octetAligned, octetAligned)
                    && Arrays.equals(e.singleAsn1Type, singleAsn1Type);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(oid, Arrays.hashCode(octetAligned), Arrays.hashCode(singleAsn1Type));
        }

        @Override
        public String toString() {
            return "External[" + oid + ", " + size() + " bytes]";
        }
    }
}
