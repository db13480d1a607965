// Placeholder: the CrmDialer sample is being written (issue 7).
return 0;
