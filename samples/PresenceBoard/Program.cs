// Placeholder: the PresenceBoard sample is being written (issue 7).
return 0;
