/**
 * The PostgreSQL wire codec: {@link io.walstream.codec.FrameDecoder} (the drain loop that turns bytes into
 * {@link io.walstream.codec.Frame}s) and {@link io.walstream.codec.FrontendMessages} (the client messages).
 */
package io.walstream.codec;
