package org.catalogarr.core.servlet;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a servlet answered, recorded by a stand-in {@link HttpServletResponse} that knows the calls our
 * servlets make; any other call fails the test, so a servlet cannot come to depend on one unnoticed.
 */
public final class RecordedResponse {

    public int status = 200;
    public final Map<String, String> headers = new HashMap<>();
    public final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final PrintWriter writer = new PrintWriter(body, true, StandardCharsets.UTF_8);
    private final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
            RecordedResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "setStatus" -> {
                    status = (Integer) args[0];
                    yield null;
                }
                case "setHeader" -> {
                    headers.put((String) args[0], (String) args[1]);
                    yield null;
                }
                case "setContentType" -> {
                    headers.put("Content-Type", (String) args[0]);
                    yield null;
                }
                case "setContentLength" -> {
                    headers.put("Content-Length", args[0].toString());
                    yield null;
                }
                case "getOutputStream" -> output();
                case "getWriter" -> writer;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    /** The response to hand to the servlet. */
    public HttpServletResponse response() {
        return response;
    }

    public String text() {
        writer.flush();
        return body.toString(StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        writer.flush();
        return body.toByteArray();
    }

    private ServletOutputStream output() {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
