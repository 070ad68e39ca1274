package org.catalogarr.core.torznab;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@value DownloadLinks#PATH}: the enclosure link of a feed item. Prowlarr fetches it and passes a
 * redirect to a magnet on to Sonarr, so the answer is a 302 to the item's magnet. The link carries
 * no secret, so it needs no API key.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(DownloadLinks.PATH)
@HttpWhiteboardServletName("catalogarr-torznab-download")
public class DownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MagnetInfo info;
        try {
            info = DownloadLinks.parse(request.getParameterMap());
        } catch (IllegalArgumentException e) {
            response.setContentType("text/plain; charset=utf-8");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().println("Not a Catalogarr download link: " + e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", Magnets.magnet(info));
    }
}
