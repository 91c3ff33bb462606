package io.grizz.worker.ingest;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Every attempt at a batch as the circuit ({@link IngestCircuitBreaker}) and the consumers' liveness
 * ({@link IngestConsumers}) must see it: marked alive and announced to the circuit just before the listener runs,
 * marked alive again and its success or failure told just after.
 *
 * <p>A batch interceptor, because spring-kafka (4.0) calls one around the listener on the consumer's own thread
 * for the first attempt and for every retry of the error handler alike: both go through the container's
 * {@code invokeBatchOnMessageWithRecordsOrList}, which calls {@link #intercept} before the listener and
 * {@link #success} or {@link #failure} after it. The circuit keeps its state per consumer thread, so it must be
 * told on that thread. Placed first among the batch interceptors, so the circuit hears of a failure while the
 * batch's span is still open, and before any other interceptor could throw.
 */
public class IngestAttempts implements BatchInterceptor<Object, Object> {

    private final IngestCircuitBreaker circuit;
    private final IngestConsumers consumers;

    public IngestAttempts(IngestCircuitBreaker circuit, IngestConsumers consumers) {
        this.circuit = circuit;
        this.consumers = consumers;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        consumers.alive();
        circuit.beforeAttempt();
        return records;
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        consumers.alive();
        circuit.onSuccess();
    }

    @Override
    public void failure(
            ConsumerRecords<Object, Object> records, Exception exception, Consumer<Object, Object> consumer) {
        circuit.onFailure(thrownByTheListener(exception));
        consumers.alive();
    }

    /** What the listener threw, without the wrappers the container puts around it on its way to the error handler. */
    static Throwable thrownByTheListener(Exception exception) {
        Throwable failure = exception;
        while (failure instanceof ListenerExecutionFailedException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
