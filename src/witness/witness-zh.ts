import { sayerOf } from '../cli/verify/say-forms.js';

/** `gongzhi witness` for the street office that runs it, in Chinese (简体中文): its usage and what it refuses to start with. */
export const WITNESS_USAGE_ZH = `gongzhi witness serve [选项]    运行 C2SP tlog-witness 见证方（c2sp.org/tlog-witness）：只有当日志的检查点
                               与它上次联署的检查点一致时才联署
gongzhi witness vkey [选项]     打印本见证方的 vkey（首次使用时生成），填入 GONGZHI_WITNESSES

  --dir 目录          状态、证据和密钥文件所在目录（GONGZHI_WITNESS_DIR，默认 .witness）
  --name 名称         密钥名称，例如 jiedao.example.gov.cn/witness（GONGZHI_WITNESS_NAME，默认 witness.local）
  --log 来源=VKEY     所见证的日志：检查点来源，或 来源/* 表示其下所有来源，以及该日志的 vkey
                      （GET /log/public-key → vkey）；可重复（GONGZHI_WITNESS_LOGS，用逗号分隔）
  --port 端口         （GONGZHI_WITNESS_PORT，默认 3100）   --host 主机（GONGZHI_WITNESS_HOST，默认 0.0.0.0）
  密钥：GONGZHI_WITNESS_KEY（Ed25519 PKCS#8 PEM），否则为 目录/witness.key，首次启动时生成，权限 0600。`;

/** The witness command's messages to its operator: starting, and every reason it will not start. */
export const sayWitnessInChinese = sayerOf([
  ['witness {a} listening on {b}', '见证方 {a} 正在 {b} 上监听'],
  ['vkey {a}', 'vkey {a}'],
  ['witnessing {a}', '见证日志 {a}'],
  ['unknown option {a}', '未知选项 {a}'],
  ['{a} needs a value', '{a} 需要一个值'],
  ['the witness name {a} must be non-empty, without spaces or "+"', '见证方名称 {a} 不能为空，也不能含空格或“+”'],
  ['--port must be a port number, got {a}', '--port 须是端口号，却是 {a}'],
  ['a witnessed log is ORIGIN=VKEY, got {a}', '所见证的日志应写作 来源=VKEY，却是 {a}'],
  ['the vkey of {a} is not a log key: {*b}', '{a} 的 vkey 不是日志密钥：{b}'],
  ['it is not an Ed25519 note key (type 0x01)', '它不是 Ed25519 便笺密钥（类型 0x01）'],
  ['{a} is readable by others (mode {b}); chmod 600 it', '{a} 其他用户也能读取（权限 {b}）；请执行 chmod 600'],
  ['{a} must be an Ed25519 private key (PKCS#8 PEM)', '{a} 必须是 Ed25519 私钥（PKCS#8 PEM）'],
  [
    'a witness with no --log (GONGZHI_WITNESS_LOGS) witnesses nothing; give ORIGIN=VKEY of each log',
    '没有 --log（GONGZHI_WITNESS_LOGS）的见证方什么也不见证；请为每个日志给出 来源=VKEY',
  ],
  [
    'another witness (process {a}) holds {b}; one folder, one witness',
    '另一个见证方（进程 {a}）占用着 {b}；一个目录只能有一个见证方',
  ],
  ['{a} holds the state of another origin ({b})', '{a} 存放的是另一个来源（{b}）的状态'],
]);
