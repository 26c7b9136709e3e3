/**
 * A user's application as a named module: memocache needs only the requires and, for each package
 * whose classes {@code @Memo} results copy field by field, one {@code opens ... to
 * io.memocache.runtime}. {@code com.example.modular.sealed} is deliberately not opened.
 */
module com.example.modular {
  // Class retention: needed to compile, not at run time.
  requires static io.memocache.annotations;
  requires io.memocache.runtime;

  exports com.example.modular.model;
  exports com.example.modular.sealed;

  opens com.example.modular.model to
      io.memocache.runtime;
}
