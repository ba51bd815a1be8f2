package org.dshell.core.jdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.dshell.core.DshellException;

/**
 * DIRAC's numeric parameter series: value 0 is Start, value i is value(i-1) * Factor + Step.
 * As in DIRAC (Python), the series stays integral (and unbounded) when Start, Step and Factor are
 * all integers, and becomes floating point as soon as one of them is a float.
 */
final class ArithmeticSequence {

    private ArithmeticSequence() {
    }

    static List<JdlValue> of(int length, Number start, Number step, Number factor) {
        List<JdlValue> values = new ArrayList<>(length);
        if (start instanceof BigInteger s && step instanceof BigInteger st && factor instanceof BigInteger f) {
            BigInteger value = s;
            for (int i = 0; i < length; i++) {
                values.add(JdlNumber.of(value));
                value = value.multiply(f).add(st);
            }
            return values;
        }
        double value = start.doubleValue();
        double stepValue = step.doubleValue();
        double factorValue = factor.doubleValue();
        for (int i = 0; i < length; i++) {
            // Python prints an overflowed float as inf, which is no JDL number.
            values.add(Double.isFinite(value) ? JdlNumber.of(value) : new JdlExpression(PythonFloatText.of(value)));
            value = value * factorValue + stepValue;
        }
        return values;
    }

    /**
     * Reads Start, Step or Factor as DIRAC does: an integer if it is one (quotes allowed), else a float.
     * Returns a BigInteger or a Double.
     */
    static Number number(String attribute, JdlValue value) {
        String text = value.text().strip();
        try {
            return new BigInteger(text);
        } catch (NumberFormatException notAnInteger) {
            // try a float next
        }
        // Java also reads "1d" and "1f" as doubles; Python's float() does not.
        if (!text.isEmpty() && !Character.isLetter(text.charAt(text.length() - 1))) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException notAFloat) {
                // reported below
            }
        }
        throw DshellException.usage(attribute + ": illegal value " + value.toJdl() + ", expected a number");
    }
}
