package org.catalogarr.console.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Catalogarr page of the Web Console: static HTML, CSS and JavaScript from this bundle's {@code res/catalogarr}
 * folder, which the console wraps in its frame. The page's script draws everything from the admin REST API
 * (the same one scripts use), so the server renders no data here and a page cannot drift from the API.
 * Files under {@code res/} are served by {@link AbstractServlet} itself at {@code <plugin>/res/…}.
 */
abstract class ConsolePage extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    /** Menu category of every Catalogarr page; it sorts before the console's own ones ("Main", "OSGi", …). */
    static final String CATEGORY = "Catalogarr";
    static final String RESOURCES = "/res/catalogarr";
    /** Stylesheet of every page, relative to the console's root as {@link ServletConstants#PLUGIN_CSS_REFERENCES} wants. */
    static final String CSS = RESOURCES + "/console.css";

    private final String name;
    private final String template;

    /** @param name the page's files: {@code res/catalogarr/<name>.html} and {@code <name>.js} */
    ConsolePage(String name) {
        this.name = name;
        this.template = read(RESOURCES + "/" + name + ".html");
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object pluginRoot = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        String resources = (pluginRoot == null ? "" : pluginRoot.toString()) + RESOURCES;
        setNoCache(response);
        response.getWriter().write(template.replace("${res}", resources));
        response.getWriter().write("<script src=\"" + resources + "/common.js\"></script>\n<script src=\"" + resources + "/"
                + name + ".js\"></script>\n");
    }

    private String read(String path) {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The console page " + path + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
