-- A conversation's messages in one index instead of two. V1's messages_by_conversation and V2's
-- messages_live_by_conversation have the same key, so every message written went into both: with
-- the primary key, three index insertions per message. The one index carries deleted_at, so the
-- default listing (include_deleted=false) filters tombstones out on its walk and message_count
-- stays an index-only scan. The price: a listing steps over the tombstones between the live
-- messages it returns, few in a chat.
--
-- The build blocks writes to messages until it ends (reads go on). On a large table, build the
-- index beforehand, by hand, with CREATE INDEX CONCURRENTLY and this name: IF NOT EXISTS then
-- skips it here, and only the two drops remain.
CREATE INDEX IF NOT EXISTS messages_of_conversation
    ON messages (conversation_id, created_at, id) INCLUDE (deleted_at);
DROP INDEX messages_by_conversation;
DROP INDEX messages_live_by_conversation;
