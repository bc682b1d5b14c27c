package dev.assay.server;

import dev.assay.server.auth.Access;
import dev.assay.shared.NotFoundException;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.ResourceHandler;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.jetty.JettyResourceHandler;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The web UI: the assay-web build, served from the classpath folder {@code assay-web/}. Content-hashed
 * files under {@code /assets/} are cached for a year; {@code index.html} is never cached and answers
 * {@code /} and the deep links of the single-page app ({@code /projects/p1/traces}), which then routes them.
 *
 * <p>Deep links are recognised by their first segment, listed by the UI build in {@code page-roots.txt}
 * ({@code projects}, {@code evaluators}, ...), and only for GET or HEAD requests that accept HTML. Every
 * other path, and so every API path ({@code /v1/**}, {@code /v2/**}, {@code /healthz}, {@code /readyz},
 * Phoenix's paths outside {@code /v1}), gets exactly what it would get without a UI: Javalin's 404 or 405
 * as problem JSON. (Javalin's {@code spaRoot} is not used: it answers index.html for unknown API paths.)
 * This class is Javalin's resource handler, so it runs only after no route matched.
 *
 * <p>When the jar was built without the UI (an IDE run without the npm build), pages answer a 404 problem
 * that says how to build it.
 */
final class WebUi implements ResourceHandler {
  /** The classpath folder that the assay-web module's Vite build writes. */
  static final String CLASSPATH_ROOT = "assay-web";

  /** Path prefixes of APIs; a page root may never be one of them. */
  static final List<String> API_PATHS = List.of("/v1", "/v2", "/auth", "/healthz", "/readyz");

  private static final String ASSETS = "/assets";
  private static final String ASSETS_CACHE = "public, max-age=31536000, immutable";

  private final String root;
  private final String indexHtml;
  private final List<String> pageRoots;
  private final JettyResourceHandler files = new JettyResourceHandler();

  /** @param root the classpath folder holding {@code index.html}, {@code page-roots.txt} and {@code assets/} */
  WebUi(String root) {
    if (root == null) {
      throw new NullPointerException("root is required");
    }
    this.root = root;
    this.indexHtml = read(root + "/index.html");
    String roots = read(root + "/page-roots.txt");
    this.pageRoots = roots == null ? List.of() : roots.lines().map(String::strip).filter(s -> !s.isEmpty())
        .map(segment -> "/" + segment).toList();
    for (String pageRoot : pageRoots) {
      if (isApiPath(pageRoot) || isUnder(pageRoot, ASSETS)) {
        throw new IllegalStateException("the UI claims " + pageRoot + ", which belongs to the server");
      }
    }
  }

  static WebUi fromClasspath() {
    return new WebUi(CLASSPATH_ROOT);
  }

  /** True when the UI build is on the classpath. */
  boolean present() {
    return indexHtml != null;
  }

  /** Installs this as the app's resource handler, serving the assets when the build is present. */
  void register(JavalinConfig cfg) {
    cfg.resourceHandler(this);
    if (present()) {
      cfg.staticFiles.add(assets -> {
        assets.hostedPath = ASSETS;
        assets.directory = "/" + root + ASSETS;
        assets.location = Location.CLASSPATH;
        assets.headers = Map.of(Header.CACHE_CONTROL, ASSETS_CACHE);
        assets.roles = Set.of(Access.PUBLIC);
      });
    }
  }

  /** True for a path under one of {@link #API_PATHS}. */
  static boolean isApiPath(String path) {
    return API_PATHS.stream().anyMatch(prefix -> isUnder(path, prefix));
  }

  /** {@code /v2} and {@code /v2/...} are under {@code /v2}; {@code /v2x} is not. */
  private static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  @Override
  public void init(CompressionStrategy compressionStrategy) {
    files.init(compressionStrategy);
  }

  @Override
  public boolean addStaticFileConfig(StaticFileConfig config) {
    return files.addStaticFileConfig(config);
  }

  /**
   * The UI's files and pages are PUBLIC: the page itself holds no data and signs in through /auth. Anything else
   * (a HEAD of an API route lands here too) carries no role, so the access check decides.
   */
  @Override
  public Set<RouteRole> resourceRouteRoles(Context ctx) {
    return canHandle(ctx) ? Set.of(Access.PUBLIC) : files.resourceRouteRoles(ctx);
  }

  @Override
  public boolean canHandle(Context ctx) {
    return files.canHandle(ctx) || isPage(ctx);
  }

  @Override
  public boolean handle(Context ctx) {
    if (files.handle(ctx)) {
      return true;
    }
    if (!isPage(ctx)) {
      return false;
    }
    if (indexHtml == null) {
      throw new NotFoundException("the web UI is not part of this build (no " + root + "/index.html on the "
          + "classpath); build it with 'mvn -pl assay-web package' or 'npm run build' in assay-web. "
          + "The APIs under /v1 and /v2 work without it.");
    }
    ctx.header(Header.CACHE_CONTROL, "no-cache").contentType("text/html; charset=utf-8").result(indexHtml);
    return true;
  }

  /** A request the single-page app answers: GET or HEAD of {@code /} or under a page root, HTML acceptable. */
  private boolean isPage(Context ctx) {
    if (!HandlerType.GET.equals(ctx.method()) && !HandlerType.HEAD.equals(ctx.method())) {
      return false;
    }
    String path = ctx.path();
    boolean page = path.equals("/") || pageRoots.stream().anyMatch(pageRoot -> isUnder(path, pageRoot));
    String accept = ctx.header(Header.ACCEPT);
    return page && (accept == null || accept.isBlank() || accept.contains(ContentType.HTML) || accept.contains("*/*"));
  }

  private static String read(String resource) {
    URL url = WebUi.class.getClassLoader().getResource(resource);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
    }
  }
}
