// Placeholder: the AgentConsole sample is being written (issue 7).
return 0;
