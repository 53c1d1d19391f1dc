-- Keyword search: matters.search_text holds the text layer's search key (character bigrams,
-- then characters, of the normalised title and content, separated by spaces). A generated
-- tsvector over it with the 'simple' configuration keeps every token as written, with
-- positions, so a two-character word is one lexeme and a longer one a phrase (<->) of bigrams;
-- the GIN index serves both. The key's recomputation for existing rows is done by the
-- migration runner (search_reindex.cpp) right after this file.
-- The trigram indexes of 001 served LIKE on title, content and search_text; keyword search no
-- longer uses them, and three trigram GIN indexes are costly to keep up at millions of rows.
DROP INDEX IF EXISTS matters_title_trgm;
DROP INDEX IF EXISTS matters_content_trgm;
DROP INDEX IF EXISTS matters_search_trgm;

ALTER TABLE matters
  ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX matters_search ON matters USING gin (search_tsv);
