package io.tracer.instrumentation.jdbc;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Methods whose name is one the JDK interface itself declares (not its super interfaces, such as {@code Wrapper}),
 * read once from the interface as the first implementation shows it. A cheap stand-in for "overrides a method of the interface",
 * which compares every method with every method of every super type: a driver's own overload of such a name is
 * driver work too. The interface is the JDK's, the same in every class loader.
 */
final class InterfaceMethodNames extends ElementMatcher.Junction.AbstractBase<MethodDescription> {

  private final String interfaceName;
  private volatile Set<String> names;

  InterfaceMethodNames(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  @Override
  public boolean matches(MethodDescription method) {
    Set<String> known = names;
    if (known == null) {
      TypeDescription declared = find(method.getDeclaringType().asErasure(), new HashSet<String>());
      if (declared == null) {
        return false;
      }
      known = new HashSet<>();
      for (MethodDescription.InDefinedShape declaredMethod : declared.getDeclaredMethods()) {
        if (!declaredMethod.isStatic()) {
          known.add(declaredMethod.getName());
        }
      }
      names = known;
    }
    return known.contains(method.getName());
  }

  private TypeDescription find(TypeDefinition type, Set<String> seen) {
    if (type == null || !seen.add(type.getTypeName())) {
      return null;
    }
    TypeDescription erasure = type.asErasure();
    if (erasure.getName().equals(interfaceName)) {
      return erasure;
    }
    for (TypeDescription.Generic implemented : erasure.getInterfaces()) {
      TypeDescription found = find(implemented, seen);
      if (found != null) {
        return found;
      }
    }
    return find(erasure.getSuperClass(), seen);
  }
}
