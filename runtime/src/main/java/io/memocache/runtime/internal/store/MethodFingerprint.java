package io.memocache.runtime.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/*
 * Design note.
 *
 * A persisted entry must become unreachable when its method's code changes, and only then. The
 * code is read at run time from the declaring class's own class file (a resource of its loader),
 * not from the compiler's tree API, so it works whatever compiled the class (Gradle's incremental
 * processing hides the trees). The fingerprint digests, per method:
 *  - its access flags, descriptor and throws clause;
 *  - every instruction with its operands, constant-pool references resolved to what they name
 *    (owner, name and descriptor of calls and fields, class names, constant values with their
 *    type), branch targets as the order in which labels appear, switch tables, the exception table;
 *  - the code of the synthetic methods of the same class it refers to (lambda bodies, javac's
 *    accessors), transitively, in place of their names: javac numbers lambda$name$N across the
 *    class, so adding a lambda to another method renumbers this one's without changing its code.
 * Debug attributes (line numbers, local variable names) and stack map frames are skipped, so
 * reformatting, comments and blank lines never change a fingerprint. The code of the anonymous and
 * local classes the method uses (Outer$1, Outer$1Helper) is digested with it, as lambda bodies are;
 * other classes, and other methods of the same class it calls, are not: editing those does not
 * retire this method's entries (SPEC: the fingerprint is of that method's code).
 *
 * Each class file is read and digested once (ClassValue, holding only strings, so no class loader
 * is kept alive). A class whose class file cannot be read (no resource: a class defined at run
 * time; an unreadable or too new class file; a method not in it) gets a fallback fingerprint: the
 * digest of the class's name and the method's name and descriptor, prefixed with "signature-".
 * It is stable, but does not change when the code does; fromCode() tells the two apart.
 */

/** Fingerprints of methods' code, read from their class files, for persisted entries. */
public final class MethodFingerprint {
  private static final String FALLBACK_PREFIX = "signature-";
  /** Mixed into every digest: a change of what is digested makes old entries unreachable. */
  private static final String FORMAT = "memocache-method-fingerprint-1";

  private static final ClassValue<Map<String, String>> FINGERPRINTS =
      new ClassValue<>() {
        @Override
        protected Map<String, String> computeValue(Class<?> type) {
          return fingerprintsOf(type);
        }
      };

  private MethodFingerprint() {}

  /**
   * Returns the fingerprint of the method's code.
   *
   * @param method a method declared in a class (not an interface's abstract method)
   * @return 22 base64url characters (128 bits of SHA-256), or the fallback documented on {@link
   *     #of(Class, String, String)}
   */
  public static String of(Method method) {
    return of(method.getDeclaringClass(), method.getName(), Type.getMethodDescriptor(method));
  }

  /**
   * Returns the fingerprint of the code of the method {@code name} with the JVM descriptor {@code
   * descriptor} (for example {@code "(ILjava/lang/String;)Ljava/util/List;"}) declared in {@code
   * owner}. When the class file cannot be read or has no such method, returns a fallback that
   * starts with {@code "signature-"}: stable, made from the names only, so it does not change when
   * the code does (see {@link #fromCode}).
   *
   * @param owner the declaring class
   * @param name the method's name
   * @param descriptor the method's JVM descriptor
   * @return the fingerprint
   */
  public static String of(Class<?> owner, String name, String descriptor) {
    String fingerprint = FINGERPRINTS.get(owner).get(name + descriptor);
    return fingerprint != null
        ? fingerprint
        : FALLBACK_PREFIX + digest(List.of(owner.getName(), name, descriptor).toString());
  }

  /**
   * Returns whether the fingerprint was made from the method's code, rather than being the
   * fallback of a class whose class file could not be read.
   *
   * @param fingerprint a fingerprint returned by {@link #of}
   * @return true when made from code
   */
  public static boolean fromCode(String fingerprint) {
    return !fingerprint.startsWith(FALLBACK_PREFIX);
  }

  private static Map<String, String> fingerprintsOf(Class<?> type) {
    Map<String, MethodCode> methods = readMethods(type, type.getName().replace('.', '/'));
    if (methods == null) {
      return Map.of();
    }
    Map<String, Map<String, MethodCode>> anonymousClasses = new HashMap<>();
    Map<String, String> fingerprints = new HashMap<>();
    for (Map.Entry<String, MethodCode> method : methods.entrySet()) {
      fingerprints.put(
          method.getKey(), fingerprint(type, method.getValue(), methods, anonymousClasses));
    }
    return Map.copyOf(fingerprints);
  }

  /**
   * Reads the code of every method of a class file found next to {@code base}, keyed by name and
   * descriptor; returns null when there is no such class file or it cannot be read.
   */
  private static Map<String, MethodCode> readMethods(Class<?> base, String internalName) {
    byte[] classFile;
    try (InputStream in = base.getResourceAsStream("/" + internalName + ".class")) {
      if (in == null) {
        return null;
      }
      classFile = in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Map<String, MethodCode> methods = new HashMap<>();
    try {
      ClassReader reader = new ClassReader(classFile);
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] thrown) {
              MethodCode code = new MethodCode(access);
              code.token("method").token(access).token(descriptor);
              code.token(thrown == null ? List.of() : Arrays.asList(thrown));
              methods.put(name + descriptor, code);
              return new CodeDigester(reader.getClassName(), code);
            }
          },
          ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    } catch (RuntimeException e) {
      // A class file ASM cannot read (newer than it knows, or damaged): the fallback holds.
      return null;
    }
    return methods;
  }

  /**
   * Digests a method's code; then, in order of first reference, the synthetic methods of its class
   * it calls (lambda bodies); then every method of the anonymous and local classes it uses, in
   * order of first reference, with theirs.
   */
  private static String fingerprint(
      Class<?> type,
      MethodCode method,
      Map<String, MethodCode> all,
      Map<String, Map<String, MethodCode>> anonymousClasses) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    Set<String> included = new HashSet<>();
    ArrayDeque<MethodCode> pending = new ArrayDeque<>();
    pending.add(method);
    List<String> classes = new ArrayList<>();
    while (!pending.isEmpty()) {
      MethodCode code = pending.poll();
      text.append(code.text).append('\n');
      for (String callee : code.sameClassCallees) {
        MethodCode target = all.get(callee);
        if (target != null && target.isSynthetic() && included.add(callee)) {
          pending.add(target);
        }
      }
      addNew(classes, code.anonymousClasses);
    }
    for (int i = 0; i < classes.size(); i++) {
      String anonymous = classes.get(i);
      Map<String, MethodCode> code =
          anonymousClasses.computeIfAbsent(anonymous, name -> readMethods(type, name));
      text.append("class ").append(i).append('\n');
      if (code == null) {
        text.append("unreadable\n");
        continue;
      }
      for (String key : code.keySet().stream().sorted().toList()) {
        text.append(key).append(' ').append(code.get(key).text).append('\n');
        addNew(classes, code.get(key).anonymousClasses);
      }
    }
    return digest(text.toString());
  }

  private static void addNew(List<String> list, Collection<String> candidates) {
    for (String candidate : candidates) {
      if (!list.contains(candidate)) {
        list.add(candidate);
      }
    }
  }

  private static String digest(String text) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** One method's code as text, and the methods of the same class it refers to. */
  private static final class MethodCode {
    final int access;
    final StringBuilder text = new StringBuilder();
    final List<String> sameClassCallees = new ArrayList<>();
    /** Anonymous and local classes of the same class it uses, in order of first reference. */
    final Set<String> anonymousClasses = new LinkedHashSet<>();

    MethodCode(int access) {
      this.access = access;
    }

    boolean isSynthetic() {
      return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    /** Appends one token; each is length-prefixed so adjacent tokens never run together. */
    MethodCode token(Object value) {
      String s = String.valueOf(value);
      text.append(s.length()).append(':').append(s).append(' ');
      return this;
    }
  }

  /** Writes each instruction of a method as tokens, with references resolved. */
  private static final class CodeDigester extends MethodVisitor {
    private final String owner;
    private final MethodCode code;
    private final Map<Label, Integer> labels = new IdentityHashMap<>();
    /** Same-class methods referred to, numbered in order of first reference. */
    private final Map<String, Integer> callees = new HashMap<>();

    CodeDigester(String owner, MethodCode code) {
      super(Opcodes.ASM9);
      this.owner = owner;
      this.code = code;
    }

    /** Notes a class that is an anonymous or local class of this one ("Outer$1", "Outer$1Local"). */
    private String noteClass(String internalName) {
      String element = internalName;
      while (element.startsWith("[")) {
        element = element.substring(1);
      }
      if (element.startsWith("L") && element.endsWith(";")) {
        element = element.substring(1, element.length() - 1);
      }
      if (element.length() > owner.length() + 1
          && element.startsWith(owner + "$")
          && Character.isDigit(element.charAt(owner.length() + 1))) {
        code.anonymousClasses.add(element);
      }
      return internalName;
    }

    private int label(Label label) {
      return labels.computeIfAbsent(label, l -> labels.size());
    }

    /**
     * A reference to a method: by owner, name and descriptor; a method of this class by its
     * order of first reference and its descriptor, since its code is digested in place of its
     * name (a synthetic one) or its name is then taken from the reference list.
     */
    private String reference(String methodOwner, String name, String descriptor) {
      if (!methodOwner.equals(owner)) {
        return noteClass(methodOwner) + "." + name + descriptor;
      }
      String key = name + descriptor;
      Integer index = callees.get(key);
      if (index == null) {
        index = callees.size();
        callees.put(key, index);
        code.sameClassCallees.add(key);
      }
      return name.startsWith("lambda$") || name.startsWith("access$")
          ? "<this>#" + index + descriptor
          : "<this>." + name + descriptor;
    }

    private Object constant(Object value) {
      if (value instanceof Handle handle) {
        return "handle " + handle.getTag() + " "
            + reference(handle.getOwner(), handle.getName(), handle.getDesc())
            + (handle.isInterface() ? " itf" : "");
      }
      if (value instanceof Type type) {
        return "type " + type.getDescriptor();
      }
      if (value instanceof ConstantDynamic dynamic) {
        List<Object> arguments = new ArrayList<>();
        for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
          arguments.add(constant(dynamic.getBootstrapMethodArgument(i)));
        }
        return "condy " + dynamic.getName() + dynamic.getDescriptor() + " "
            + constant(dynamic.getBootstrapMethod()) + arguments;
      }
      if (value instanceof Float f) {
        return "F" + Float.floatToRawIntBits(f);
      }
      if (value instanceof Double d) {
        return "D" + Double.doubleToRawLongBits(d);
      }
      return value.getClass().getSimpleName().charAt(0) + String.valueOf(value);
    }

    @Override
    public void visitInsn(int opcode) {
      code.token(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      code.token(opcode).token(operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      code.token(opcode).token(var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      code.token(opcode).token(noteClass(type));
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
      code.token(opcode).token(noteClass(fieldOwner) + "." + name + ":" + descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
      code.token(opcode).token(reference(methodOwner, name, descriptor)).token(isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      code.token(Opcodes.INVOKEDYNAMIC).token(name + descriptor).token(constant(bootstrap));
      for (Object argument : arguments) {
        code.token(constant(argument));
      }
    }

    @Override
    public void visitJumpInsn(int opcode, Label target) {
      code.token(opcode).token("L" + label(target));
    }

    @Override
    public void visitLabel(Label label) {
      code.token("label L" + label(label));
    }

    @Override
    public void visitLdcInsn(Object value) {
      code.token(Opcodes.LDC).token(constant(value));
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      code.token(Opcodes.IINC).token(var).token(increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
      code.token(Opcodes.TABLESWITCH).token(min).token(max).token("L" + label(dflt));
      for (Label target : targets) {
        code.token("L" + label(target));
      }
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
      code.token(Opcodes.LOOKUPSWITCH).token("L" + label(dflt)).token(Arrays.toString(keys));
      for (Label target : targets) {
        code.token("L" + label(target));
      }
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
      code.token(Opcodes.MULTIANEWARRAY).token(descriptor).token(dimensions);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      code.token("try")
          .token("L" + label(start))
          .token("L" + label(end))
          .token("L" + label(handler))
          .token(type);
    }
  }
}
