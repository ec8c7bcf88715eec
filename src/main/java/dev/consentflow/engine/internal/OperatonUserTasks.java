package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessConflict;
import dev.consentflow.engine.UserTasks;
import java.util.HashMap;
import java.util.Map;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** {@link UserTasks} on Operaton's task service, joining the caller's Spring transaction. */
@Component
class OperatonUserTasks implements UserTasks {

    private final TaskService tasks;

    OperatonUserTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public boolean complete(String processInstanceId, String taskDefinitionKey, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskDefinitionKey).active().singleResult();
        if (task == null) {
            return false;
        }
        try {
            tasks.complete(task.getId(), ProcessVariables.checked(variables));
            return true;
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to instance " + processInstanceId + " won", e);
        }
    }
}
