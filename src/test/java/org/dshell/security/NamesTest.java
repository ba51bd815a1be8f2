package org.dshell.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.security.auth.x500.X500Principal;
import org.dshell.core.DshellException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"dteam_user", "mu3e.org_user", "ctao-prod", "A1"})
    void acceptsDiracGroupNames(String group) {
        assertEquals(group, GroupName.require(group));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dteam user", "_lead", "grp/../x", "a;b", "ü_user", "x\ny"})
    void rejectsOtherGroupNames(String group) {
        DshellException e = assertThrows(DshellException.class, () -> GroupName.require(group));
        assertEquals(2, e.exitCode());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CN=Alice Grid, OU=Users, O=Dshell Test, C=CH | /C=CH/O=Dshell Test/OU=Users/CN=Alice Grid",
        "CN=x, EMAILADDRESS=a@b.c, DC=org | /DC=org/emailAddress=a@b.c/CN=x",
        "CN=proxy + UID=7, O=A | /O=A/CN=proxy+UID=7"})
    void printsDistinguishedNamesInOpensslSlashForm(String rfc2253, String slashed) {
        assertEquals(slashed, DistinguishedName.slashed(new X500Principal(rfc2253)));
    }
}
