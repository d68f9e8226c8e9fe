// A trigram index of the emails' search column, so a search for an address, a name or a word
// reads the emails that contain it instead of every email's text (FTS5 answers LIKE '%abc%'
// from it for three characters or more). It holds no copy of the text (content='emails'): the
// triggers keep it in step with the column.
export const sql = /* sql */ `
CREATE VIRTUAL TABLE emails_fts USING fts5(search, content='emails', content_rowid='id', tokenize='trigram', detail='none');
INSERT INTO emails_fts(emails_fts) VALUES ('rebuild');
CREATE TRIGGER emails_fts_insert AFTER INSERT ON emails BEGIN
  INSERT INTO emails_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER emails_fts_delete AFTER DELETE ON emails BEGIN
  INSERT INTO emails_fts(emails_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER emails_fts_update AFTER UPDATE OF search ON emails BEGIN
  INSERT INTO emails_fts(emails_fts, rowid, search) VALUES ('delete', old.id, old.search);
  INSERT INTO emails_fts(rowid, search) VALUES (new.id, new.search);
END;
`;
