package io.walstream.conn;

import io.walstream.ProtocolException;
import io.walstream.TransportException;
import io.walstream.codec.BackendMessages;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.codec.FrontendMessages;
import io.walstream.codec.NegotiateProtocolVersion;
import io.walstream.internal.auth.ChannelBindingMode;
import io.walstream.spi.Endpoint;
import io.walstream.spi.TlsSession;
import io.walstream.spi.Transport;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One startup exchange on a connected transport: StartupMessage, authentication, then ParameterStatus,
 * BackendKeyData and NegotiateProtocolVersion until ReadyForQuery.
 *
 * <pre>
 * → StartupMessage (user, database, replication, application_name, client_encoding=UTF8, options)
 * ← NegotiateProtocolVersion?  ← R…  → p…  ← R 0
 * ← S* K N*  ← Z
 * </pre>
 *
 * <p>ParameterStatus, NoticeResponse, ErrorResponse and the check that the peer answers like PostgreSQL at
 * all belong to the connection's {@link BackendDispatcher} in state {@link ConnectionState#STARTUP}.
 *
 * <p><b>Thread safety:</b> not thread-safe; used once.
 */
final class StartupHandshake {

    private static final Logger log = LoggerFactory.getLogger(StartupHandshake.class);

    private final ConnectionConfig config;
    private final HostSpec host;
    private final Endpoint endpoint;
    private final Transport transport;
    private final ChannelBindingMode binding;
    private final long deadline;
    private int maxFrameLength = FrameDecoder.DEFAULT_MAX_FRAME_LENGTH;
    private final TlsSession tls;

    StartupHandshake(ConnectionConfig config, HostSpec host, Endpoint endpoint, Transport transport,
                     ChannelBindingMode binding, long deadline) {
        this(config, host, endpoint, transport, binding, deadline, null);
    }

    /** @param tls the TLS session the transport runs over, or {@code null} for plain text */
    StartupHandshake(ConnectionConfig config, HostSpec host, Endpoint endpoint, Transport transport,
                     ChannelBindingMode binding, long deadline, TlsSession tls) {
        this.tls = tls;
        this.config = config;
        this.host = host;
        this.endpoint = endpoint;
        this.transport = transport;
        this.binding = binding;
        this.deadline = deadline;
    }

    /** @param length the largest backend message accepted on this connection @return this */
    StartupHandshake maxFrameLength(Integer length) {
        if (length != null) {
            this.maxFrameLength = length;
        }
        return this;
    }

    PgConnection run() {
        NoticeRelay notices = new NoticeRelay();
        FrameDecoder decoder = FrameDecoder.builder(transport.source()).noticeListener(notices)
                .maxFrameLength(maxFrameLength).build();
        PgConnection conn = new PgConnection(transport, decoder, notices, endpoint);
        BackendDispatcher dispatcher = conn.dispatcher();
        dispatcher.begin(ConnectionState.STARTUP, "Connecting to " + endpoint + " as user \"" + config.user() + "\"");
        conn.send(FrontendMessages.startup(startupParameters()));
        Authenticator auth = new Authenticator(config.user(), this::passwordBytes, binding, endpoint.toString(), tls);
        boolean authenticated = false;
        while (true) {
            Frame f = dispatcher.next(deadline);
            if (f == null) {
                throw new TransportException("Timed out connecting to " + endpoint + ": no answer within "
                        + config.describeStartupTimeout());
            }
            switch (f.tag()) {
                case 'R':
                    authenticated |= auth.handle(BackendMessages.authentication(f), conn::send);
                    break;
                case 'K':
                    conn.backendKeyData(BackendMessages.backendKeyData(f));
                    break;
                case 'v': {
                    NegotiateProtocolVersion v = BackendMessages.negotiateProtocolVersion(f);
                    log.debug("Server supports protocol 3.{}; unrecognized options {}", v.newestMinorVersion(),
                            v.unrecognizedOptions());
                    break;
                }
                default: // 'Z', the only other message STARTUP allows
                    if (!authenticated) {
                        throw new ProtocolException("The server at " + endpoint
                                + " sent ReadyForQuery before AuthenticationOk");
                    }
                    return conn;
            }
        }
    }

    Map<String, String> startupParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", config.user());
        if (config.replication() != ReplicationMode.PHYSICAL) {
            p.put("database", config.dbname());
        }
        config.replication().startupValue().ifPresent(v -> p.put("replication", v));
        config.applicationName().ifPresent(v -> p.put("application_name", v));
        p.put("client_encoding", "UTF8");
        OutputSettings.addTo(p, config.options()); // canonical value text unless options set them
        if (config.options() != null && !config.options().isEmpty()) {
            p.put("options", config.options());
        }
        return p;
    }

    private byte[] passwordBytes() {
        return config.passwordFor(host).map(chars -> {
            ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            Arrays.fill(chars, '\0');
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            if (bb.hasArray()) {
                Arrays.fill(bb.array(), (byte) 0);
            }
            return out;
        }).orElse(null);
    }
}
