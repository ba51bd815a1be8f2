package org.dshell.backend.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** URL parsing, Digest headers and PROPFIND answers, without a server. */
class WebDavPiecesTest {

    @Test
    void davsAndHttpsUrlsMapPfnsBelowTheBase() {
        WebDavUrl url = WebDavUrl.parse("davs://xrd.example.org:1094/eos/dteam/");
        assertEquals(new WebDavUrl("xrd.example.org", 1094, "/eos/dteam"), url);
        assertEquals("https://xrd.example.org:1094/eos/dteam/dteam/run%201.dat", url.of("/dteam/run 1.dat").toASCIIString());
        assertEquals("https://xrd.example.org:1094/eos/dteam/a%23b%3F", url.of("/a#b?").toASCIIString());
        assertEquals("/x/y", url.pfnOf("/eos/dteam/x/y/"));
        assertNull(url.pfnOf("/elsewhere/x"));
        assertEquals(443, WebDavUrl.parse("https://host/").port());
        assertEquals("/", WebDavUrl.parse("https://host").basePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/x", "davs:///x", "davs://host/x?y=1", "davs://u@host/x", "not a url", "/local/dir"})
    void badUrlsAreUsageErrors(String text) {
        DshellException e = assertThrows(DshellException.class, () -> WebDavUrl.parse(text));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains(text.strip()), e.getMessage());
    }

    @Test
    void pfnsThatClimbOutAreRefused() {
        WebDavUrl url = WebDavUrl.parse("davs://host:1094/data");
        assertThrows(DshellException.class, () -> url.of("/a/../../etc"));
        assertThrows(DshellException.class, () -> url.of("relative"));
        assertThrows(DshellException.class, () -> url.of("/a//b"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "adler32=30aa4702|30aa4702", "ADLER32=30AA4702|30aa4702", "md5=abc, adler32=aa4702|00aa4702",
            "adler32=zz|", "md5=xyz|", "|"})
    void digestHeaders(String header, String expected) {
        assertEquals(Optional.ofNullable(expected), DigestHeader.adler32(header));
    }

    @Test
    void propfindAnswersOfXrootdAndQuotas() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
                <D:response xmlns:lp1="DAV:"><D:href>/data/a</D:href><D:propstat><D:prop>
                <lp1:getcontentlength>4096</lp1:getcontentlength><lp1:resourcetype><D:collection/></lp1:resourcetype>
                </D:prop></D:propstat></D:response>
                <D:response xmlns:lp1="DAV:"><D:href>https://host:1094/data/a/run%201.dat</D:href><D:propstat><D:prop>
                <lp1:getcontentlength>100000</lp1:getcontentlength><lp1:iscollection>0</lp1:iscollection>
                </D:prop></D:propstat></D:response>
                <D:response><D:href>/data/a/q</D:href><D:propstat><D:prop>
                <D:quota-available-bytes>500</D:quota-available-bytes><D:quota-used-bytes>20</D:quota-used-bytes>
                <D:resourcetype><D:collection/></D:resourcetype></D:prop></D:propstat></D:response>
                </D:multistatus>
                """;
        Multistatus answer = Multistatus.parse(xml.strip().getBytes(StandardCharsets.UTF_8));
        assertEquals(new Multistatus.Resource("/data/a", true, 4096, -1, -1), answer.resources().get(0));
        assertEquals(new Multistatus.Resource("/data/a/run 1.dat", false, 100000, -1, -1), answer.resources().get(1));
        assertEquals(new Multistatus.Resource("/data/a/q", true, -1, 500, 20), answer.resources().get(2));
    }

    @Test
    void propfindAnswersWithADoctypeAreRefused() {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>&e;</D:href></D:response></D:multistatus>";
        assertThrows(java.io.IOException.class, () -> Multistatus.parse(evil.getBytes(StandardCharsets.UTF_8)));
    }
}
