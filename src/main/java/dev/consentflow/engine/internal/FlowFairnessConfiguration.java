package dev.consentflow.engine.internal;

import java.util.Optional;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutor;
import org.operaton.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.operaton.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.operaton.bpm.spring.boot.starter.property.OperatonBpmProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/** The engine's limits on accounts' flows ({@link FlowFairness}): the job executor and the REST answer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlowLimits.class)
class FlowFairnessConfiguration {

    /**
     * Replaces the starter's job executor (which steps back when one exists), set up from the same
     * {@code operaton.bpm.job-execution} properties, on the starter's thread pool.
     */
    @Bean
    @ConditionalOnProperty(prefix = "operaton.bpm.job-execution", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    JobExecutor jobExecutor(@Qualifier("operatonTaskExecutor") TaskExecutor threads, OperatonBpmProperties properties,
                            FlowJobLimit limit) {
        FairJobExecutor executor = new FairJobExecutor(limit);
        executor.setTaskExecutor(threads);
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty settings = properties.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        return executor;
    }

    @Bean
    ResourceConfigCustomizer flowLimitAnswers() {
        return config -> config.register(FlowInstanceLimitReachedMapper.class);
    }
}
