-- Keyword search: an FTS5 index over matters.search_text, which holds the text layer's search
-- key (character bigrams, then characters, of the normalised title and content, separated by
-- spaces). unicode61 keeps each key token whole, so a two-character word is one token and a
-- longer one a phrase of bigrams; the trigram tokenizer could not match two-character words.
-- External content: the index stores no second copy of the text. Triggers keep it in step
-- with every insert, delete and search_text change; existing rows are indexed below and their
-- keys recomputed by the migration runner (search_reindex.cpp) right after this file.
CREATE VIRTUAL TABLE matters_fts USING fts5(
  search_text,
  content = 'matters',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER matters_fts_insert AFTER INSERT ON matters BEGIN
  INSERT INTO matters_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER matters_fts_delete AFTER DELETE ON matters BEGIN
  INSERT INTO matters_fts (matters_fts, rowid, search_text)
  VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER matters_fts_update AFTER UPDATE OF search_text ON matters BEGIN
  INSERT INTO matters_fts (matters_fts, rowid, search_text)
  VALUES ('delete', old.id, old.search_text);
  INSERT INTO matters_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

INSERT INTO matters_fts (matters_fts) VALUES ('rebuild');
