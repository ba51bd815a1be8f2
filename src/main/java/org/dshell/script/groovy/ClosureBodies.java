package org.dshell.script.groovy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.codehaus.groovy.runtime.GeneratedClosure;
import org.dshell.script.Parallel;

import groovy.lang.Closure;

/**
 * A {@code parallel} body from a closure. {@code Closure.call} finds {@code doCall} through the
 * closure's meta class and calls it by reflection on every item (a tenth of a cold 1,000-item bulk
 * put's worker time); a closure the compiler made from the script's own braces, taking one untyped
 * parameter (or the implicit {@code it}), is called straight through a method handle instead. Its body
 * runs exactly as before: the calls inside it still go through the closure's meta class.
 */
final class ClosureBodies {
    private static final MethodType ITEM = MethodType.methodType(Object.class, Object.class);

    private ClosureBodies() {
    }

    static Parallel.Body of(Closure<?> closure) {
        MethodHandle doCall = directDoCall(closure);
        if (doCall == null) {
            return closure::call;
        }
        return item -> {
            try {
                return doCall.invokeExact(item);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }

    /** The closure's own one-argument {@code doCall(Object)}, bound to it; null when it has no such plain form. */
    private static MethodHandle directDoCall(Closure<?> closure) {
        Class<?> type = closure.getClass();
        if (!(closure instanceof GeneratedClosure) || closure.getMaximumNumberOfParameters() != 1) {
            return null;
        }
        Method only = null;
        // A closure with the implicit "it" also has a doCall() for calls without an argument; an item is one.
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("doCall") && method.getParameterCount() == 1) {
                if (only != null) {
                    return null; // overloads: leave the choice to Groovy
                }
                only = method;
            }
        }
        if (only == null || only.getParameterTypes()[0] != Object.class
                || !Modifier.isPublic(only.getModifiers()) || Modifier.isStatic(only.getModifiers())) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().unreflect(only).bindTo(closure).asType(ITEM);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }
}
