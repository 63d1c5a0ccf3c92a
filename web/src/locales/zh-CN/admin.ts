/** Words every admin page shares. */
export default {
  cancel: '取消',
  close: '关闭',
  copy: '复制',
  copied: '已复制',
  secretOnceWarning: '请立即复制并妥善保存。关闭此窗口后将无法再次查看，服务器只保存其摘要。',
  secretStored: '我已保存',
  refused: '服务器拒绝：{reason}',
  refusedFields: '服务器拒绝了以下字段：{list}',
  customersEmpty: '还没有客户。客户来自 ERP 账目导入或 API。',
  customersNoMatch: '没有客户的编码或名称符合搜索。',
} as const;
