package io.gridshift.sandbox.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields fabric8 did not recognise in a parsed object: a misspelled key ({@code readinesProbe},
 * {@code runAsNonroot}) is kept in a model object's {@code additionalProperties} and silently
 * ignored by an API server that prunes unknown fields, so a manifest test must look for them.
 */
final class UnknownFields {
  private static final String MODEL = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  /**
   * Each unknown field as {@code path.to.field}, e.g. {@code spec.template.spec.securityContex}.
   */
  static List<String> in(Object object) {
    List<String> found = new ArrayList<>();
    visit(object, "", found);
    return found;
  }

  private static void visit(Object value, String path, List<String> found) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        visit(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> visit(v, path + "." + k, found));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith(MODEL)) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object child = get(getter, value);
      String name = getter.getName().substring(3);
      if (name.equals("AdditionalProperties")) {
        ((Map<?, ?>) child).keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
      } else {
        visit(child, join(path, Character.toLowerCase(name.charAt(0)) + name.substring(1)), found);
      }
    }
  }

  private static boolean isGetter(Method m) {
    return m.getName().startsWith("get")
        && m.getParameterCount() == 0
        && !Modifier.isStatic(m.getModifiers())
        && !m.getDeclaringClass().equals(Object.class)
        && !m.getReturnType().isPrimitive()
        && !m.getReturnType().equals(String.class)
        && !m.getName().equals("getClass");
  }

  private static Object get(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("reading " + getter + ": " + e.getMessage(), e);
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
