export default {
  menuHome: '首页',
  menuWork: '我的工作',
  menuPeriods: '对账期间',
  signOut: '退出登录',
  signedInAs: '当前用户：{name}',
  mainMenu: '主菜单',
  switchLanguage: '切换语言',
  roleCLERK: '会计',
  roleMANAGER: '经理',
  roleAUDITOR: '审计',
  roleADMIN: '管理员',
} as const;
