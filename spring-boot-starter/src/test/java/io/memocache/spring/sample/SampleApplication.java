package io.memocache.spring.sample;

import io.memocache.spring.imported.Reports;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** A plain Spring Boot application whose beans have @Memo methods. */
@SpringBootApplication
@Import(Reports.class)
public class SampleApplication {}
