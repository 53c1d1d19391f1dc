-- Tamper evidence (issue 7 §4). Events get their row seals (store/audit_seals.hpp): one line
-- per protected row a write touched, "<table>\t<key>\t<digest>", covered by the event's keyed
-- hash. chain_head.keyed marks that the chain has been sealed under the key kept outside the
-- database (<data_dir>/audit.key); the sealing of an older database's rows happens in the
-- store right after this file (sql_store.cpp, seal_unkeyed_chain), when the key is at hand.
ALTER TABLE events ADD COLUMN seals TEXT NOT NULL DEFAULT '';
ALTER TABLE chain_head ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
