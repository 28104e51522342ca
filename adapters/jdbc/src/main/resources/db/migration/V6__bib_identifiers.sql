-- Standard identifiers of each bib (OCLC, ISBN, ISSN, LCCN; normalised by core's BibIdentifier), so that NCIP
-- BibliographicRecordId / BibliographicItemId look-ups by identifier code use an index instead of scanning MARC.
-- Filled by JdbcBibs.insert/update; existing bibs are back-filled by V7 (a Java migration).
CREATE TABLE bib_identifier (
    bib_id    BIGINT       NOT NULL REFERENCES bib (id) ON DELETE CASCADE,
    id_type   VARCHAR(8)   NOT NULL,
    id_value  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_bib_identifier PRIMARY KEY (bib_id, id_type, id_value)
);
CREATE INDEX ix_bib_identifier_value ON bib_identifier (id_type, id_value);
