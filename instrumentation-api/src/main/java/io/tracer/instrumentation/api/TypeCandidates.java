package io.tracer.instrumentation.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a class must show, in its name or in its class file, before a type instrumentation's matcher is asked
 * about it: the agent tests every class the JVM loads against these cheaply (names in a hash set, the super types
 * from class file headers it remembers per class loader) and hands only the classes that pass to ByteBuddy, whose
 * type descriptions parse every method of a class and of its super types. A class that passes is still matched by
 * {@link TypeInstrumentation#typeMatcher()}, so the candidates may be wider than the matcher, never narrower.
 */
public final class TypeCandidates {

  private final Set<String> names;
  private final Set<String> superTypes;
  private final Set<String> referencedTypes;
  private final List<NamePredicate> namePredicates;

  /** A test of a class's binary name ({@code com.example.Outer$Inner}). */
  public interface NamePredicate {
    boolean matches(String binaryName);
  }

  private TypeCandidates(Set<String> names, Set<String> superTypes, Set<String> referencedTypes,
      List<NamePredicate> namePredicates) {
    this.names = names;
    this.superTypes = superTypes;
    this.referencedTypes = referencedTypes;
    this.namePredicates = namePredicates;
  }

  /** The classes of these binary names. */
  public static TypeCandidates named(String... binaryNames) {
    return new TypeCandidates(set(binaryNames), Collections.<String>emptySet(), Collections.<String>emptySet(),
        Collections.<NamePredicate>emptyList());
  }

  /** The classes and interfaces that are, extend or implement one of these types, directly or not. */
  public static TypeCandidates extending(String... binaryNames) {
    return new TypeCandidates(Collections.<String>emptySet(), set(binaryNames), Collections.<String>emptySet(),
        Collections.<NamePredicate>emptyList());
  }

  /** The classes whose class file names this type anywhere, as an annotation on one of its methods does. */
  public static TypeCandidates referencing(String binaryName) {
    return new TypeCandidates(Collections.<String>emptySet(), Collections.<String>emptySet(), set(binaryName),
        Collections.<NamePredicate>emptyList());
  }

  /** The classes whose binary name passes the test. */
  public static TypeCandidates matching(NamePredicate binaryName) {
    return new TypeCandidates(Collections.<String>emptySet(), Collections.<String>emptySet(),
        Collections.<String>emptySet(), Collections.singletonList(binaryName));
  }

  /** The candidates of this and of {@code other}. */
  public TypeCandidates or(TypeCandidates other) {
    List<NamePredicate> predicates = new ArrayList<>(namePredicates);
    predicates.addAll(other.namePredicates);
    return new TypeCandidates(union(names, other.names), union(superTypes, other.superTypes),
        union(referencedTypes, other.referencedTypes), predicates);
  }

  public Set<String> names() {
    return names;
  }

  public Set<String> superTypes() {
    return superTypes;
  }

  public Set<String> referencedTypes() {
    return referencedTypes;
  }

  public List<NamePredicate> namePredicates() {
    return namePredicates;
  }

  private static Set<String> set(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(values)));
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> union = new LinkedHashSet<>(first);
    union.addAll(second);
    return Collections.unmodifiableSet(union);
  }
}
