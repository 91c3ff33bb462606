// OpenApiClientIT: a client of the read API typed by openapi-typescript from the served document
// (generated/api.ts, written by the test) and calling it through openapi-fetch. tsc --strict must
// accept it, so it breaks when the document stops describing what a client needs; the test runs
// it against a real read API and asserts what it prints.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type Message = components["schemas"]["Message"];
type Problem = components["schemas"]["Problem"];

const [baseUrl, token, conversationId, messageId] = process.argv.slice(2);
if (!baseUrl || !token || !conversationId || !messageId) {
  throw new Error("usage: node client.js BASE_URL TOKEN CONVERSATION_ID MESSAGE_ID");
}

// metadata is a JSON object of any values, or null: a client can write one
const sampleMetadata: Message["metadata"] = { n: 1.5, tags: ["a"], nested: { ok: true } };

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

const one = await api.GET("/v1/messages/{id}", { params: { path: { id: messageId } } });
if (!one.data) {
  throw new Error(`GET message: ${one.response.status} ${JSON.stringify(one.error)}`);
}
const message: Message = one.data;

const page = await api.GET("/v1/conversations/{id}/messages", {
  params: { path: { id: conversationId }, query: { limit: 10, include_deleted: true } },
});
if (!page.data) {
  throw new Error(`GET messages: ${page.response.status} ${JSON.stringify(page.error)}`);
}
const items: Message[] = page.data.items;

const missing = await api.GET("/v1/messages/{id}", { params: { path: { id: "not-a-uuid" } } });
const problem: Problem | undefined = missing.error;

console.log(
  JSON.stringify({
    message: {
      status: one.response.status,
      id: message.id,
      conversation_id: message.conversation_id,
      revision: message.revision,
      metadata_keys: Object.keys(message.metadata ?? {}),
    },
    page: {
      status: page.response.status,
      ids: items.map((item) => item.id),
      next_cursor: page.data.next_cursor ?? null,
    },
    bad_request: { status: missing.response.status, problem_status: problem?.status ?? null },
    sample_metadata_keys: Object.keys(sampleMetadata ?? {}),
  }),
);
