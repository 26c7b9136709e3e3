package io.memocache.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/*
 * Design note.
 *
 * One event per computation (a miss that ran the original method), begun when the computing
 * Pending is created and committed when its outcome is recorded, so the event's own duration is
 * the computation's. Hits emit nothing: they never reach this class.
 *
 * Cost when nobody records: until Flight Recorder starts (a -XX:StartFlightRecording, a jcmd
 * JFR.start, a Recording), MethodCache reads FlightRecorder.isInitialized() and never loads this
 * class, because loading an event class initializes JFR's metadata, about a hundred classes. Once
 * it runs, start() reads the enabled flag of a static EventType, the one way to ask without an
 * instance on JDK 17, and allocates only while a recording enables the event. Both run once per
 * computation, never on a hit. MethodCache checks first that the jdk.jfr module is in the runtime
 * at all (a jlinked image or an application launched as a named module may leave it out).
 *
 * No stack trace: the event is about which method is slow, which its fields say, and a trace on
 * every computation would cost more than the event.
 */

/** The JFR event of one computation of a cached method. */
@Name("io.memocache.Computation")
@Label("Memo Computation")
@Category({"memocache"})
@Description("A cached method ran its original method because the key had no stored value")
@StackTrace(false)
final class ComputationEvent extends Event {
  private static final EventType TYPE = EventType.getEventType(ComputationEvent.class);

  @Label("Method Id")
  @Description("The method's id: binary class name, method name and parameter types")
  String methodId;

  @Label("Class")
  @Description("The binary name of the class declaring the method")
  String className;

  @Label("Method")
  @Description("The method's name")
  String methodName;

  @Label("Success")
  @Description("Whether the original method returned a value that was stored")
  boolean success;

  @Label("Failure")
  @Description("The class of what the computation threw, or null when it succeeded")
  String failure;

  /** Returns a begun event when JFR records this event, else null (and allocates nothing). */
  static ComputationEvent start() {
    if (!TYPE.isEnabled()) {
      return null;
    }
    ComputationEvent event = new ComputationEvent();
    event.begin();
    return event;
  }

  /** Ends and commits the event with the computation's outcome. */
  void finish(String methodId, String className, String methodName, Throwable failure) {
    end();
    if (shouldCommit()) {
      this.methodId = methodId;
      this.className = className;
      this.methodName = methodName;
      this.success = failure == null;
      this.failure = failure == null ? null : failure.getClass().getName();
      commit();
    }
  }
}
