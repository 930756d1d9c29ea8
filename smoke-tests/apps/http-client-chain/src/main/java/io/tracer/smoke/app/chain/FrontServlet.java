package io.tracer.smoke.app.chain;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Calls the downstream {@code /back} once with each client, and answers what they returned. */
final class FrontServlet extends HttpServlet {

  private final String downstream;
  private final HttpClient jdkClient = HttpClient.newHttpClient();
  private final OkHttpClient okHttpClient = new OkHttpClient();

  FrontServlet(String downstream) {
    this.downstream = downstream;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String jdk = callWithJdkClient();
    String urlConnection = callWithUrlConnection();
    String okHttp = callWithOkHttp();
    response.setContentType("text/plain");
    response.getWriter().write(jdk + "," + urlConnection + "," + okHttp);
  }

  private String callWithJdkClient() throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(downstream + "/back?client=jdk")).build();
    try {
      return jdkClient.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private String callWithUrlConnection() throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(downstream + "/back?client=url-connection").openConnection();
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String callWithOkHttp() throws IOException {
    try (Response response = okHttpClient.newCall(new Request.Builder().url(downstream + "/back?client=okhttp").build())
        .execute()) {
      return response.body().string();
    }
  }
}
