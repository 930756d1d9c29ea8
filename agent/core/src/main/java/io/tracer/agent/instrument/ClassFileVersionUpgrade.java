package io.tracer.agent.instrument;

import java.security.ProtectionDomain;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Advice is called through invokedynamic, which class files older than Java 7 cannot hold (the JVM refuses the
 * class: RocketMQ 4.9.7+ still ships Java 6 class files). Such a class is rewritten as a Java 7 class file, its
 * stack map frames computed, before the advice is woven in. Newer class files pass untouched.
 */
final class ClassFileVersionUpgrade implements AgentBuilder.Transformer {

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
      ClassLoader classLoader, JavaModule module, ProtectionDomain protectionDomain) {
    ClassFileVersion version = type.getClassFileVersion();
    if (version == null || version.isAtLeast(ClassFileVersion.JAVA_V7)) {
      return builder;
    }
    return builder.visit(new ToJava7());
  }

  private static final class ToJava7 extends AsmVisitorWrapper.AbstractBase {
    @Override
    public int mergeWriter(int flags) {
      return flags | ClassWriter.COMPUTE_FRAMES;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
        Implementation.Context implementationContext, TypePool typePool, FieldList<FieldDescription.InDefinedShape> fields,
        MethodList<?> methods, int writerFlags, int readerFlags) {
      return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
        @Override
        public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
          super.visit(Opcodes.V1_7, access, name, signature, superName, interfaces);
        }
      };
    }
  }
}
