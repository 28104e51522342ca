-- Overdue notice intervals per circulation rule (issue #13): the days after the due date of overdue notices 1, 2 and 3
-- for loans under the rule, as "1,14,28"; NULL: the notices' default (notices.overdue-days).
ALTER TABLE circ_rule ADD COLUMN overdue_notice_days VARCHAR(64);
