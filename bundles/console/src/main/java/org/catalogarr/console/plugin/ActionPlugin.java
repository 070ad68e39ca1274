package org.catalogarr.console.plugin;

import java.io.IOException;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.catalogarr.core.admin.AdminException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Web Console plugin page with one-button action forms. A GET draws the page's content (the console
 * wraps it in its own frame); a POST names an action and an item, is carried out by a core service and is
 * answered with a redirect to the page, so that reloading it repeats nothing. Other methods are refused.
 */
abstract class ActionPlugin extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String ACTION_FIELD = "action";

    private final transient FormToken token = new FormToken();

    /** The request parameter that names the item an action is for. */
    abstract String itemField();

    /** The page content; its forms post to {@code target} with {@code formToken}. */
    abstract String page(String target, String formToken);

    /** @throws IllegalArgumentException for an action this page does not have */
    abstract void perform(String action, String item) throws AdminException;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object pluginRoot = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        String target = pluginRoot == null ? request.getRequestURI() : pluginRoot.toString();
        response.getWriter().write(page(target, token.value()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!token.matches(request.getParameter(FormToken.FIELD))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form is outdated or foreign: reload the page.");
            return;
        }
        String action = request.getParameter(ACTION_FIELD);
        String item = request.getParameter(itemField());
        if (action == null || item == null || item.isBlank()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "An action needs '" + ACTION_FIELD + "' and '"
                    + itemField() + "'.");
            return;
        }
        try {
            perform(action, item);
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (AdminException e) {
            response.sendError(status(e.reason()), e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getRequestURI());
    }

    private static int status(AdminException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case CONFLICT -> HttpServletResponse.SC_CONFLICT;
            case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
            case FAILED -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        };
    }

    static IllegalArgumentException unknownAction(String action) {
        return new IllegalArgumentException("Unknown action '" + action + "'.");
    }
}
