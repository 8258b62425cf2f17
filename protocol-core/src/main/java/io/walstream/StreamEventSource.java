package io.walstream;

/**
 * The {@link EventSource} a {@link LogicalReplicationStream} gives its consumer adapters (the publisher and the
 * transaction view): claims the stream for one {@link ConsumerClaim.Mode}, reads through the
 * {@link StreamLifecycle} (starting the first session if needed), and brackets handler calls with the
 * {@link DeliveryLoop}.
 *
 * <p><b>Thread safety:</b> as {@link EventSource}.
 */
final class StreamEventSource implements EventSource {

    private final ConsumerClaim claim;
    private final ConsumerClaim.Mode mode;
    private final StreamLifecycle lifecycle;
    private final DeliveryLoop loop;
    private final Runnable close;

    /**
     * @param claim the stream's claim
     * @param mode the family this source's consumer belongs to
     * @param lifecycle starts and reads
     * @param loop the stream's delivery loop
     * @param close closes the whole stream
     */
    StreamEventSource(ConsumerClaim claim, ConsumerClaim.Mode mode, StreamLifecycle lifecycle, DeliveryLoop loop,
                      Runnable close) {
        this.claim = claim;
        this.mode = mode;
        this.lifecycle = lifecycle;
        this.loop = loop;
        this.close = close;
    }

    @Override
    public void claim() {
        claim.claim(mode, true);
    }

    @Override
    public Polled poll(long timeoutNanos) {
        return lifecycle.poll(timeoutNanos, false, true);
    }

    @Override
    public void acknowledgeDelivered() {
        loop.acknowledgeDelivered();
    }

    @Override
    public void enterDelivery() {
        loop.enterDelivery();
    }

    @Override
    public void afterHandler(boolean handled) {
        loop.afterHandler(handled);
    }

    @Override
    public void exitDelivery() {
        loop.exitDelivery();
    }

    @Override
    public boolean isFinished() {
        return loop.isFinished();
    }

    @Override
    public long session() {
        return loop.session();
    }

    @Override
    public void close() {
        close.run();
    }
}
