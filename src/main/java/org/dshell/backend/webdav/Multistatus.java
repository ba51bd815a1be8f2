package org.dshell.backend.webdav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A PROPFIND answer (WebDAV 207 Multi-Status): one entry per resource with the properties dshell reads. */
public record Multistatus(List<Resource> resources) {
    private static final String DAV = "DAV:";

    /**
     * One resource. {@code path} is the decoded server path of its href; size, quota values are -1
     * when the server did not report them.
     */
    public record Resource(String path, boolean collection, long size, long quotaAvailable, long quotaUsed) {
    }

    /** Parses the XML body; external entities and DTDs are refused (the body comes from the network). */
    public static Multistatus parse(byte[] body) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable PROPFIND answer: " + e.getMessage(), e);
        }
        List<Resource> resources = new ArrayList<>();
        NodeList responses = doc.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            String href = text(response, "href");
            if (href == null) {
                continue;
            }
            boolean collection = response.getElementsByTagNameNS(DAV, "collection").getLength() > 0
                    || "1".equals(text(response, "iscollection"));
            resources.add(new Resource(pathOf(href), collection, number(response, "getcontentlength"),
                    number(response, "quota-available-bytes"), number(response, "quota-used-bytes")));
        }
        return new Multistatus(List.copyOf(resources));
    }

    /** An href is an absolute URL or an absolute path, percent-encoded. */
    private static String pathOf(String href) throws IOException {
        try {
            String path = URI.create(href.strip()).getPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            throw new IOException("bad href in PROPFIND answer: " + href, e);
        }
    }

    private static String text(Element parent, String davName) {
        NodeList nodes = parent.getElementsByTagNameNS(DAV, davName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static long number(Element parent, String davName) {
        String text = text(parent, davName);
        if (text == null || text.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
