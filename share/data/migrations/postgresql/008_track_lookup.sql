-- The lookup of a reporter's matters by the phone number they gave (issue 9): each matter with
-- a reporter phone, under that phone's stored form (domain/phone.hpp: digits only, no +86), so
-- the lookup is one indexed read. Filled for existing matters right after this SQL
-- (store/migrations.cpp), by intake for new ones. Only an index: the lookup checks each hit
-- against the sealed reporters row, so a row changed here can hide a matter, never open another
-- reporter's; that is why it is not sealed itself.
CREATE TABLE matter_phone_keys (
  matter_id BIGINT PRIMARY KEY REFERENCES matters(id),
  phone TEXT NOT NULL
);
CREATE INDEX matter_phone_keys_phone ON matter_phone_keys (phone);
