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
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Advice is called through invokedynamic, which a class file older than Java 7 (version 51) cannot hold: the JVM
 * would reject the transformed class with a {@code ClassFormatError} thrown into the application. Libraries still
 * built for Java 5 or 6 (Apache HttpClient 4.x, for one) are therefore raised to version 51 when instrumented, with
 * their stack map frames computed, as Java 7 verification requires.
 */
final class LegacyClassFileUpgrade implements AgentBuilder.Transformer {

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
      JavaModule module, ProtectionDomain protectionDomain) {
    ClassFileVersion version = type.getClassFileVersion();
    if (version == null || version.isAtLeast(ClassFileVersion.JAVA_V7)) {
      return builder;
    }
    return builder.visit(VersionRaise.INSTANCE);
  }

  private enum VersionRaise implements AsmVisitorWrapper {
    INSTANCE;

    @Override
    public int mergeWriter(int flags) {
      return flags | ClassWriter.COMPUTE_FRAMES;
    }

    @Override
    public int mergeReader(int flags) {
      return flags;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
        Implementation.Context implementationContext, TypePool typePool,
        FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags, int readerFlags) {
      return new ClassVisitor(Opcodes.ASM9, classVisitor) {
        @Override
        public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
          super.visit(Opcodes.V1_7, access, name, signature, superName, interfaces);
        }

        /** A visitor in between keeps ASM from copying a method's code as it was, without frames. */
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
          return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {};
        }
      };
    }
  }
}
