package io.memocache.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary embedded-redis ships) on a free loopback port, with no
 * persistence, for one test class. Also hands out a raw Lettuce connection for tests that look at
 * or tamper with what the store wrote.
 */
final class TestRedis implements AutoCloseable {
  final int port;
  /** The TLS port, or 0 when the server speaks plain TCP only. */
  final int tlsPort;
  private final List<String> tlsSettings;
  private RedisServer server;
  private RedisClient rawClient;
  private StatefulRedisConnection<byte[], byte[]> raw;

  private TestRedis(int port, int tlsPort, List<String> tlsSettings) {
    this.port = port;
    this.tlsPort = tlsPort;
    this.tlsSettings = tlsSettings;
  }

  private TestRedis(int port) {
    this(port, 0, List.of());
  }

  static TestRedis start() {
    TestRedis redis = new TestRedis(freePort());
    redis.startServer();
    return redis;
  }

  /**
   * A server that also accepts TLS connections on {@link #tlsPort}, presenting this certificate
   * (PEM files; the bundled redis-server is built with TLS). Clients need no certificate.
   */
  static TestRedis startWithTls(Path certificate, Path key) {
    int tlsPort = freePort();
    TestRedis redis =
        new TestRedis(
            freePort(),
            tlsPort,
            List.of(
                "tls-port " + tlsPort,
                "tls-cert-file \"" + certificate + "\"",
                "tls-key-file \"" + key + "\"",
                "tls-auth-clients no"));
    redis.startServer();
    return redis;
  }

  /** A server on a free port that is not started yet: nothing listens there. */
  static TestRedis notStarted() {
    return new TestRedis(freePort());
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  void startServer() {
    try {
      var builder =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no");
      tlsSettings.forEach(builder::setting);
      server = builder.build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void stopServer() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A raw connection (bytes in, bytes out), reconnecting by itself like any Lettuce one. */
  synchronized StatefulRedisConnection<byte[], byte[]> raw() {
    if (raw == null) {
      rawClient = RedisClient.create(uri());
      raw = rawClient.connect(ByteArrayCodec.INSTANCE);
    }
    return raw;
  }

  void flushAll() {
    raw().sync().flushall();
  }

  @Override
  public void close() {
    if (raw != null) {
      raw.close();
      rawClient.shutdown();
    }
    if (server != null && server.isActive()) {
      stopServer();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
