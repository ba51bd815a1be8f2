package org.dshell.core.jdl;

import java.math.BigDecimal;

/**
 * Writes a double as Python's {@code str(float)} does ({@code 1.0}, {@code 1e-05}, {@code 1e+16}),
 * because DIRAC substitutes parameter values with {@code str()} and job names built from them must match.
 */
final class PythonFloatText {

    private PythonFloatText() {
    }

    static String of(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the short round-trip digits; only the layout differs from Python.
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
