/**
 * A memo store on Redis for fleets of JVMs: {@link io.memocache.redis.RedisStore}, opened by
 * {@code memocache.store=redis://…} or in code.
 */
package io.memocache.redis;
