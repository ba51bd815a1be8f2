package org.dshell.core.jdl;

/** The value of one JDL attribute: a string, a number, a list or a raw ClassAd expression. */
public sealed interface JdlValue permits JdlString, JdlNumber, JdlList, JdlExpression {

    /** The value as plain text: a string without quotes, a number as written, an expression as written. */
    String text();

    /** The value as it is written in a JDL file. */
    String toJdl();
}
