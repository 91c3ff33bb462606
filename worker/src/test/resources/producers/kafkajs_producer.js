// A producer of message-write events in Node, on kafkajs: the tested example of docs/producers.md, run by
// KafkajsProducerIT against the real stack.
//
// usage: node kafkajs_producer.js BOOTSTRAP TOPIC COUNT
//
// Publishes COUNT message.created events, each in a conversation of its own, the last one with the largest content
// the contract allows, and prints every event the broker acknowledged, one JSON value per line.
'use strict'
const { randomBytes, randomUUID } = require('node:crypto')
const { CompressionTypes, Kafka, Partitioners, logLevel } = require('kafkajs')

const MAX_CONTENT_BYTES = 1024 * 1024 // docs/contract.md §3: content, in UTF-8 bytes

function newProducer(bootstrap) {
  const kafka = new Kafka({ clientId: 'grizz-example', brokers: bootstrap.split(','), logLevel: logLevel.WARN })
  return kafka.producer({
    // murmur2 as Java producers and the worker place keys; the LegacyPartitioner (kafkajs 1.x's default) does not
    createPartitioner: Partitioners.DefaultPartitioner,
    // a retried batch is written once; kafkajs requires acks -1 (all) with it
    idempotent: true,
    // one request at a time, so a retried batch cannot overtake a later one of the same conversation
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  })
}

// A message.created event of docs/contract.md §3.
function created(conversation, user, content) {
  return {
    schema_version: 1,
    event_id: randomUUID(),
    type: 'message.created',
    occurred_at: new Date().toISOString(),
    message_id: randomUUID(),
    conversation_id: conversation,
    user_id: user,
    revision: 1,
    role: 'user',
    content,
    metadata: { producer: 'node', client: 'kafkajs' },
  }
}

// A new W3C trace context; a traced service sends its current one (@opentelemetry/api's propagation.inject).
function traceparent() {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`
}

// Sends the events in order; resolves once the broker has acknowledged all of them, rejects if it has not.
async function publish(producer, topic, events) {
  await producer.send({
    topic,
    acks: -1,
    compression: CompressionTypes.GZIP, // the codec built into kafkajs; others need a plugin
    messages: events.map(event => ({
      // the conversation id as canonical lower-case UUID text: the key the worker checks and places by
      key: event.conversation_id.toLowerCase(),
      value: JSON.stringify(event), // UTF-8
      headers: { traceparent: traceparent() },
    })),
  })
}

async function main(bootstrap, topic, count) {
  const producer = newProducer(bootstrap)
  await producer.connect()
  try {
    const user = randomUUID()
    const contents = Array.from({ length: Number(count) - 1 }, (_, i) => `hello from Node, event ${i}`)
    contents.push('é'.repeat(MAX_CONTENT_BYTES / Buffer.byteLength('é')))
    const events = contents.map(content => created(randomUUID(), user, content))
    await publish(producer, topic, events)
    events.forEach(event => process.stdout.write(JSON.stringify(event) + '\n'))
  } finally {
    await producer.disconnect()
  }
}

main(...process.argv.slice(2)).catch(error => {
  console.error(error)
  process.exitCode = 1
})
