package io.walstream.conn;

import io.walstream.ServerError;
import java.util.function.Consumer;

/**
 * Forwards NoticeResponse messages from the frame decoder to a listener that can be changed later.
 *
 * <p><b>Thread safety:</b> the listener may be changed from any thread.
 */
final class NoticeRelay implements Consumer<ServerError> {

    private volatile Consumer<ServerError> listener;

    void setListener(Consumer<ServerError> listener) {
        this.listener = listener;
    }

    @Override
    public void accept(ServerError notice) {
        Consumer<ServerError> l = listener;
        if (l != null) {
            l.accept(notice);
        }
    }
}
