export * from './personalCallRouting';
export * from './agentDataAccess';
export * from './autoLogon';
export * from './configurationCheck';
