package org.dshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.core.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityResolverTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/C=CH/O=Dshell Test/OU=Users/CN=Alice Grid | /dteam/user/a/alicegrid",
        "/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=jdoe/CN=123456/CN=John Doe | /dteam/user/j/jdoe",
        "/O=GRID-FR/C=FR/O=CNRS/OU=CPPM/CN=Jean-Luc O'Neil | /dteam/user/j/jeanluconeil",
        "/C=DE/O=GermanGrid/CN=Jürgen Müller | /dteam/user/j/jrgenmller",
        "/C=CH/O=No Name | /dteam/user/f/fallback",
        "localuser | /dteam/user/l/localuser"})
    void homeNameComesFromTheFirstCn(String user, String home) {
        Settings none = Settings.load(tmp.resolve("absent.properties"));
        Identity identity = new Identity(user, "dteam_user", "dteam", "test");
        String expected = home.replace("/f/fallback", "/" + System.getProperty("user.name", "user").charAt(0)
                + "/" + System.getProperty("user.name", "user"));
        assertEquals(expected, IdentityResolver.homeOf(identity, none).toString());
    }

    @Test
    void theUserSettingNamesTheHomeOfAProxyIdentity() throws IOException {
        Path file = Files.writeString(tmp.resolve("dshell.properties"), "user = agrid\n");
        Identity identity = new Identity("/C=CH/O=Dshell Test/CN=Alice Grid", "dteam_user", "dteam", "test");
        assertEquals("/dteam/user/a/agrid", IdentityResolver.homeOf(identity, Settings.load(file)).toString());
    }

    @Test
    void aProxyWithoutGroupGetsTheDefaultGroup() {
        Identity local = new Identity("localuser", "mu3e.org_user", "mu3e.org", "local user");
        assertEquals(new Identity("/CN=A", "mu3e.org_user", "mu3e.org", "proxy p"),
                IdentityResolver.proxyIdentity("/CN=A", null, local, "proxy p"));
        assertEquals("mu3e.org_prod", IdentityResolver.proxyIdentity("/CN=A", "mu3e.org_prod", local, "p").group());
    }
}
