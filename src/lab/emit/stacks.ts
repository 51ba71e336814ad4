/**
 * Stack traces under error lines, in the shape the JVM and CPython print them. The exception class
 * follows what the message says went wrong, since that is what a real trace would carry: a read
 * timeout is a SocketTimeoutException / ReadTimeout, a refused connection a ConnectException /
 * ConnectionRefusedError, a TLS failure an SSLHandshakeException / SSLError, and so on.
 */
import type { Random } from '../random.js';

interface Exception {
  java: string;
  python: string;
  /** Frames of the library that raised it, innermost first. */
  javaFrames: string[];
  pythonFrames: Array<[file: string, fn: string, code: string]>;
}

const EXCEPTIONS: Array<[RegExp, Exception]> = [
  [
    /timed? ?out|deadline|timeout/i,
    {
      java: 'java.net.SocketTimeoutException: Read timed out',
      python: 'requests.exceptions.ReadTimeout: HTTPConnectionPool: Read timed out. (read timeout=5)',
      javaFrames: [
        'java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
        'okhttp3.internal.http1.Http1ExchangeCodec.readResponseHeaders(Http1ExchangeCodec.kt:189)',
      ],
      pythonFrames: [
        [
          '/usr/local/lib/python3.11/site-packages/requests/adapters.py',
          'send',
          'raise ReadTimeout(e, request=request)',
        ],
      ],
    },
  ],
  [
    /refused|unavailable|no healthy upstream/i,
    {
      java: 'java.net.ConnectException: Connection refused',
      python: 'ConnectionRefusedError: [Errno 111] Connection refused',
      javaFrames: [
        'java.base/sun.nio.ch.Net.connect0(Native Method)',
        'okhttp3.internal.connection.RealConnection.connectSocket(RealConnection.kt:298)',
      ],
      pythonFrames: [
        [
          '/usr/local/lib/python3.11/site-packages/urllib3/connection.py',
          '_new_conn',
          'raise NewConnectionError(',
        ],
      ],
    },
  ],
  [
    /reset|broken pipe|EOF/i,
    {
      java: 'java.net.SocketException: Connection reset',
      python: 'ConnectionResetError: [Errno 104] Connection reset by peer',
      javaFrames: [
        'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)',
        'okio.InputStreamSource.read(JvmOkio.kt:94)',
      ],
      pythonFrames: [
        ['/usr/local/lib/python3.11/site-packages/urllib3/response.py', 'read', 'data = self._fp_read(amt)'],
      ],
    },
  ],
  [
    /certificate|x509|tls|ssl|handshake/i,
    {
      java: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertificateExpiredException',
      python:
        'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired',
      javaFrames: [
        'java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)',
        'java.base/sun.security.ssl.CertificateMessage$T13CertificateConsumer.checkServerCerts(CertificateMessage.java:1351)',
      ],
      pythonFrames: [['/usr/local/lib/python3.11/ssl.py', 'do_handshake', 'self._sslobj.do_handshake()']],
    },
  ],
  [
    /pool|connection is not available|too many connections/i,
    {
      java: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms.',
      python:
        'sqlalchemy.exc.TimeoutError: QueuePool limit of size 20 overflow 0 reached, connection timed out, timeout 5.00',
      javaFrames: [
        'com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
        'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
      ],
      pythonFrames: [
        [
          '/usr/local/lib/python3.11/site-packages/sqlalchemy/pool/impl.py',
          '_do_get',
          'raise exc.TimeoutError(',
        ],
      ],
    },
  ],
  [
    /memory|OOM/i,
    {
      java: 'java.lang.OutOfMemoryError: Java heap space',
      python: 'MemoryError',
      javaFrames: [
        'java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
        'java.base/java.util.ArrayList.grow(ArrayList.java:237)',
      ],
      pythonFrames: [['/app/cache.py', 'put', 'self._entries[key] = value']],
    },
  ],
];

const FALLBACK: Exception = {
  java: 'java.lang.IllegalStateException',
  python: 'ValueError',
  javaFrames: ['java.base/java.util.Objects.requireNonNull(Objects.java:233)'],
  pythonFrames: [],
};

function exceptionFor(message: string): Exception {
  for (const [pattern, e] of EXCEPTIONS) if (pattern.test(message)) return e;
  return FALLBACK;
}

/** A JVM trace: the exception line, library frames, the service's own frames, then the framework's. */
export function javaStack(rng: Random, message: string, logger: string): string {
  const e = exceptionFor(message);
  const head = e === FALLBACK ? `${e.java}: ${message.slice(0, 120)}` : e.java;
  const cls = logger.split('.').pop() ?? 'Handler';
  const pkg = logger.split('.').slice(0, -1).join('.');
  const own = [
    `${pkg}.client.UpstreamClient.execute(UpstreamClient.java:${rng.int(40, 220)})`,
    `${pkg}.service.${cls.replace('Controller', 'Service')}.handle(${cls.replace('Controller', 'Service')}.java:${rng.int(30, 400)})`,
    `${logger}.handle(${cls}.java:${rng.int(20, 160)})`,
  ];
  const framework = [
    'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
    'org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)',
    'java.base/java.lang.Thread.run(Thread.java:1583)',
  ];
  return [head, ...[...e.javaFrames, ...own, ...framework].map((f) => `\tat ${f}`)].join('\n');
}

/** A CPython traceback: most recent call last, the service's own frames first, the library's last. */
export function pythonStack(rng: Random, message: string, service: string): string {
  const e = exceptionFor(message);
  const pkg = service.replaceAll('-', '_');
  const frames: Array<[string, string, string]> = [
    [`/app/${pkg}/views.py`, 'handle', 'result = service.process(request)'],
    [`/app/${pkg}/service.py`, 'process', 'response = self.client.call(payload)'],
    [`/app/${pkg}/client.py`, 'call', 'resp = self.session.post(url, json=payload, timeout=5)'],
    ...e.pythonFrames,
  ];
  const tail = e === FALLBACK ? `${e.python}: ${message.slice(0, 120)}` : e.python;
  const lines = frames.flatMap(([file, fn, code]) => [
    `  File "${file}", line ${rng.int(12, 480)}, in ${fn}`,
    `    ${code}`,
  ]);
  return ['Traceback (most recent call last):', ...lines, tail].join('\n');
}
