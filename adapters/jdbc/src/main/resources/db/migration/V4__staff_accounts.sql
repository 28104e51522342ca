-- Staff logins of the staff API. The password is a pbkdf2-sha256 hash; role is ADMIN, LIBRARIAN or TECHNICIAN;
-- library (NULL: every institution) scopes the account to that library's institution.
CREATE TABLE staff_account (
    login          VARCHAR(64)   NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(255)  NOT NULL,
    role           VARCHAR(16)   NOT NULL,
    library        VARCHAR(64),
    enabled        BOOLEAN       NOT NULL
);
