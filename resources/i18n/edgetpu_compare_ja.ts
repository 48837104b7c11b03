<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Advice</name>
    <message>
        <source>the releases of feranick/libedgetpu on GitHub</source>
        <translation>GitHub の feranick/libedgetpu のリリース</translation>
    </message>
    <message>
        <source>Coral&apos;s own libedgetpu works only with tflite-runtime 2.11 or older and crashes with {named}: install a libedgetpu built for the TensorFlow Lite version of {named}, such as a community build ({builds} name the TensorFlow version each was built for).</source>
        <translation>Coral 純正の libedgetpu は tflite-runtime 2.11 以前でしか動かず、{named} ではクラッシュします。{named} の TensorFlow Lite バージョン向けにビルドされた libedgetpu（コミュニティ版など。{builds}に、それぞれがどの TensorFlow バージョン向けかが書かれています）をインストールしてください。</translation>
    </message>
    <message>
        <source>Install Coral&apos;s Edge TPU runtime (libedgetpu1-std on Linux) as its Get Started page describes ({url}).</source>
        <translation>Coral の Get Started ページ（{url}）の手順どおりに Edge TPU ランタイム（Linux では libedgetpu1-std）をインストールしてください。</translation>
    </message>
    <message>
        <source>Download the Edge TPU runtime for macOS from Coral&apos;s Get Started page ({url}), unzip it and run: sudo bash install.sh</source>
        <translation>Coral の Get Started ページ（{url}）から macOS 用の Edge TPU ランタイムをダウンロードして展開し、次を実行してください: sudo bash install.sh</translation>
    </message>
    <message>
        <source>Download the Edge TPU runtime for Windows from Coral&apos;s Get Started page ({url}), unzip it and run install.bat as administrator; it installs edgetpu.dll and the USB driver.</source>
        <translation>Coral の Get Started ページ（{url}）から Windows 用の Edge TPU ランタイムをダウンロードして展開し、install.bat を管理者として実行してください。edgetpu.dll と USB ドライバーがインストールされます。</translation>
    </message>
    <message>
        <source>Add Coral&apos;s package repository and install the runtime:</source>
        <translation>Coral のパッケージリポジトリを追加して、ランタイムをインストールしてください:</translation>
    </message>
    <message>
        <source>Then open Diagnostics to check it.</source>
        <translation>その後、「診断」を開いて確認してください。</translation>
    </message>
</context>
<context>
    <name>Agreement</name>
    <message>
        <source>neither {backend} nor {baseline} found an object above the threshold</source>
        <translation>{backend} も {baseline} も、しきい値を超える物体を見つけませんでした</translation>
    </message>
    <message>
        <source>{backend} and {baseline} agree on no object: {only}</source>
        <translation>{backend} と {baseline} で一致した物体はありません: {only}</translation>
    </message>
    <message>
        <source>, mean IoU {iou}</source>
        <translation>、平均 IoU {iou}</translation>
    </message>
    <message>
        <source>, largest score difference {delta}</source>
        <translation>、スコアの最大差 {delta}</translation>
    </message>
    <message>
        <source>1 object found only by {name}</source>
        <translation>{name} だけが見つけた物体 1 個</translation>
    </message>
    <message>
        <source>{n} objects found only by {name}</source>
        <translation>{name} だけが見つけた物体 {n} 個</translation>
    </message>
    <message>
        <source>{backend} found the same object as {baseline}</source>
        <translation>{backend} は {baseline} と同じ物体 1 個を見つけました</translation>
    </message>
    <message>
        <source>{backend} found the same {n} objects as {baseline}</source>
        <translation>{backend} は {baseline} と同じ物体 {n} 個を見つけました</translation>
    </message>
    <message>
        <source>{backend} and {baseline} agree on 1 object</source>
        <translation>{backend} と {baseline} は物体 1 個で一致</translation>
    </message>
    <message>
        <source>{backend} and {baseline} agree on {n} objects</source>
        <translation>{backend} と {baseline} は物体 {n} 個で一致</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Edge TPU Compare</source>
        <translation>Edge TPU Compare</translation>
    </message>
</context>
<context>
    <name>BackendChooserWidget</name>
    <message>
        <source>COMPARE</source>
        <translation>比較する</translation>
    </message>
    <message>
        <source>+ CPU</source>
        <translation>+ CPU</translation>
    </message>
    <message>
        <source>Add a CPU backend (at most four backends)</source>
        <translation>CPU のバックエンドを追加します（最大 4 つ）</translation>
    </message>
    <message>
        <source>+ Edge TPU</source>
        <translation>+ Edge TPU</translation>
    </message>
    <message>
        <source>Add an Edge TPU backend (at most four backends)</source>
        <translation>Edge TPU のバックエンドを追加します（最大 4 つ）</translation>
    </message>
    <message>
        <source>Choose the backends, their options and the baseline</source>
        <translation>バックエンドとそのオプション、基準を選びます</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <source>(baseline)</source>
        <translation>（基準）</translation>
    </message>
    <message>
        <source>Nothing is chosen: press Change… and check a backend.</source>
        <translation>何も選ばれていません。「変更…」を押してバックエンドにチェックを入れてください。</translation>
    </message>
</context>
<context>
    <name>BackendPanel</name>
    <message>
        <source>How long loading the model took, before the first inference</source>
        <translation>モデルの読み込みにかかった時間（最初の推論の前）</translation>
    </message>
    <message>
        <source>The first inference, timed apart: it prepares the backend (an Edge TPU gets the model&apos;s weights then) and is left out of the statistics</source>
        <translation>最初の推論は別に計っています。バックエンドの準備を兼ねるため（Edge TPU はこのときモデルの重みを受け取ります）、統計には含めません</translation>
    </message>
    <message>
        <source>The fastest timed inference</source>
        <translation>計測した推論のうち最も速いもの</translation>
    </message>
    <message>
        <source>90th percentile: nine inferences in ten were at least this fast</source>
        <translation>90 パーセンタイル：推論の 10 回に 9 回はこれより速いか同じでした</translation>
    </message>
    <message>
        <source>99th percentile: 99 inferences in 100 were at least this fast; the rare slow ones lie above it</source>
        <translation>99 パーセンタイル：推論の 100 回に 99 回はこれより速いか同じでした。まれな遅い推論はこれより上にあります</translation>
    </message>
    <message>
        <source>The slowest timed inference</source>
        <translation>計測した推論のうち最も遅いもの</translation>
    </message>
    <message>
        <source>Model details…</source>
        <translation>モデルの詳細…</translation>
    </message>
    <message>
        <source>What runs on the Edge TPU and what on the CPU</source>
        <translation>Edge TPU で動く処理と CPU で動く処理</translation>
    </message>
    <message>
        <source>MIN</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>MAX</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>LOAD TIME</source>
        <translation>読み込み時間</translation>
    </message>
    <message>
        <source>FIRST INFERENCE</source>
        <translation>初回推論</translation>
    </message>
    <message numerus="yes">
        <source>%n OBJECT(S) FOUND</source>
        <translation>
            <numerusform>見つかった物体 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>OUTPUTS</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>KEYPOINTS SCORED ABOVE 0.4</source>
        <translation>スコア 0.4 超のキーポイント</translation>
    </message>
    <message>
        <source>CLASSES AND THEIR SHARE OF THE PICTURE</source>
        <translation>クラスと画像に占める割合</translation>
    </message>
    <message>
        <source>Loading the model and warming up…</source>
        <translation>モデルを読み込んでウォームアップ中…</translation>
    </message>
    <message>
        <source>Waiting for its turn…</source>
        <translation>順番待ち…</translation>
    </message>
    <message>
        <source>Press Run to measure</source>
        <translation>「実行」を押すと計測します</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>待機</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>読み込み中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>MEDIAN OF {n} INFERENCES</source>
        <translation>{n} 回の推論の中央値</translation>
    </message>
    <message>
        <source>MEDIAN</source>
        <translation>中央値</translation>
    </message>
    <message>
        <source>{rate} INFERENCES/S</source>
        <translation>毎秒 {rate} 回推論</translation>
    </message>
    <message>
        <source>TOP {n} RESULTS</source>
        <translation>上位 {n} 件の結果</translation>
    </message>
    <message>
        <source>RESULTS</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>BackendRowWidget</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Edge TPU</source>
        <translation>Edge TPU</translation>
    </message>
    <message>
        <source>Measure this backend</source>
        <translation>このバックエンドを計測します</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基準</translation>
    </message>
    <message>
        <source>Compare the other backends with this one</source>
        <translation>ほかのバックエンドをこれと比べます</translation>
    </message>
    <message>
        <source>Remove this backend</source>
        <translation>このバックエンドを外します</translation>
    </message>
    <message>
        <source>libedgetpu not found: the run will say what to do</source>
        <translation>libedgetpu が見つかりません。実行すると対処方法を表示します</translation>
    </message>
    <message>
        <source>{runtime} (not installed)</source>
        <translation>{runtime}（未インストール）</translation>
    </message>
    <message>
        <source>Install it with: {hint}</source>
        <translation>次のコマンドでインストールしてください: {hint}</translation>
    </message>
    <message>
        <source>The TensorFlow Lite runtime the CPU runs</source>
        <translation>CPU で使う TensorFlow Lite ランタイム</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全コア</translation>
    </message>
    <message>
        <source> threads</source>
        <translation> スレッド</translation>
    </message>
    <message>
        <source> thread</source>
        <translation> スレッド</translation>
    </message>
    <message>
        <source>CPU threads (all cores: one per core)</source>
        <translation>CPU のスレッド数（全コア: コアごとに 1 つ）</translation>
    </message>
    <message>
        <source>XNNPACK</source>
        <translation>XNNPACK</translation>
    </message>
    <message>
        <source>The fast CPU kernels; off: the reference kernels</source>
        <translation>高速な CPU カーネル。オフにするとリファレンスカーネル</translation>
    </message>
    <message>
        <source>One core each</source>
        <translation>スレッドごとに1コア</translation>
    </message>
    <message>
        <source>Each of the runtime&apos;s threads on a core of its own, so that the system never stacks two on one core; off: the system places them</source>
        <translation>ランタイムの各スレッドを専用のコアで動かし、1つのコアに2つ重ならないようにします。オフ: 配置はシステムに任せます</translation>
    </message>
    <message>
        <source>first found</source>
        <translation>最初に見つかったデバイス</translation>
    </message>
    <message>
        <source>Which Edge TPU</source>
        <translation>使う Edge TPU</translation>
    </message>
    <message>
        <source>default clock</source>
        <translation>既定のクロック</translation>
    </message>
    <message>
        <source>performance {level}</source>
        <translation>性能 {level}</translation>
    </message>
    <message>
        <source>The Edge TPU&apos;s clock (libedgetpu&apos;s Performance option)</source>
        <translation>Edge TPU のクロック（libedgetpu の Performance オプション）</translation>
    </message>
</context>
<context>
    <name>BoothPanel</name>
    <message>
        <source>{name} stopped answering. It starts again with the next picture.</source>
        <translation>{name} が応答しなくなりました。次の画像でもう一度始めます。</translation>
    </message>
    <message>
        <source>If it happens again, unplug the Edge TPU and plug it back in.</source>
        <translation>また起きたら、Edge TPU を抜いて差し直してください。</translation>
    </message>
    <message>
        <source>If it happens again, close other programs on this computer.</source>
        <translation>また起きたら、このコンピューターのほかのプログラムを閉じてください。</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>inferences per second</source>
        <translation>回の推論 / 秒</translation>
    </message>
    <message>
        <source>MEDIAN OF THE LAST {n} INFERENCES</source>
        <translation>直近 {n} 回の推論の中央値</translation>
    </message>
    <message>
        <source>MEDIAN</source>
        <translation>中央値</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>物体 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n output(s)</source>
        <translation>
            <numerusform>出力 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n keypoint(s) found</source>
        <translation>
            <numerusform>キーポイント %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking at the picture…</source>
        <translation>画像を見ています…</translation>
    </message>
    <message>
        <source>Not sure what this is</source>
        <translation>自信がありません</translation>
    </message>
</context>
<context>
    <name>BoothSpeedupWidget</name>
    <message>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
    <message>
        <source>{candidate} VS {baseline}</source>
        <translation>{candidate} 対 {baseline}</translation>
    </message>
    <message>
        <source>faster</source>
        <translation>高速</translation>
    </message>
    <message>
        <source>slower</source>
        <translation>低速</translation>
    </message>
    <message>
        <source>as fast</source>
        <translation>同等の速さ</translation>
    </message>
    <message>
        <source>same answer</source>
        <translation>同じ答え</translation>
    </message>
    <message>
        <source>different answers</source>
        <translation>答えが異なる</translation>
    </message>
    <message>
        <source>CORAL&apos;S PUBLISHED FIGURE · NOT MEASURED HERE</source>
        <translation>CORAL の公表値 · ここでの測定値ではありません</translation>
    </message>
</context>
<context>
    <name>BoothWindow</name>
    <message>
        <source>Edge TPU Compare · Booth</source>
        <translation>Edge TPU Compare · ブース</translation>
    </message>
    <message>
        <source>Get the sample models first</source>
        <translation>まずサンプルモデルを入手してください</translation>
    </message>
    <message>
        <source>Run “edgetpu-compare models fetch”, or choose a model in the window, then start booth mode again.</source>
        <translation>「edgetpu-compare models fetch」を実行するか、ウィンドウでモデルを選んでから、もう一度ブースモードを開始してください。</translation>
    </message>
    <message>
        <source>No pictures to show</source>
        <translation>表示する画像がありません</translation>
    </message>
    <message>
        <source>Put a few pictures in a folder and start with “edgetpu-compare --kiosk --image-folder FOLDER”.</source>
        <translation>フォルダーに画像を何枚か入れて、「edgetpu-compare --kiosk --image-folder フォルダー」で開始してください。</translation>
    </message>
    <message>
        <source>picture {i} of {n}</source>
        <translation>画像 {i} / {n}</translation>
    </message>
    <message>
        <source>{n} comparisons</source>
        <translation>比較 {n} 回</translation>
    </message>
    <message>
        <source>1 comparison</source>
        <translation>比較 1 回</translation>
    </message>
    <message>
        <source>{subject} cannot be read: left out</source>
        <translation>{subject} は読めないため外しました</translation>
    </message>
    <message>
        <source>{subject} stopped answering: restarting it</source>
        <translation>{subject} が応答しません: 再起動します</translation>
    </message>
    <message>
        <source>{subject} stopped: restarting it</source>
        <translation>{subject} が停止しました: 再起動します</translation>
    </message>
    <message>
        <source>{subject} not found: trying again</source>
        <translation>{subject} が見つかりません: 再試行します</translation>
    </message>
    <message>
        <source>{subject} cannot run</source>
        <translation>{subject} を実行できません</translation>
    </message>
    <message>
        <source>{subject} is back</source>
        <translation>{subject} が復帰しました</translation>
    </message>
    <message>
        <source>{candidate} VS {baseline}</source>
        <translation>{candidate} 対 {baseline}</translation>
    </message>
    <message>
        <source>This picture could not be used: {message}</source>
        <translation>この画像は使えませんでした: {message}</translation>
    </message>
    <message>
        <source>No backend could run: see why below.</source>
        <translation>どのバックエンドも実行できませんでした。理由は下をご覧ください。</translation>
    </message>
    <message>
        <source>{name} could not run: see why below.</source>
        <translation>{name} を実行できませんでした。理由は下をご覧ください。</translation>
    </message>
    <message>
        <source>Only one backend: nothing to compare it with.</source>
        <translation>バックエンドが 1 つだけなので、比べる相手がありません。</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>計測中…</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Nothing was measured: no backend could run.</source>
        <translation>何も計測されませんでした。どのバックエンドも実行できませんでした。</translation>
    </message>
    <message>
        <source>Stopped before anything was measured.</source>
        <translation>何も計測しないうちに停止しました。</translation>
    </message>
    <message>
        <source>{name}: median {median} ms</source>
        <translation>{name}: 中央値 {median} ms</translation>
    </message>
    <message>
        <source>top-1 {label} ({score})</source>
        <translation>第 1 候補 {label}（{score}）</translation>
    </message>
    <message>
        <source>{name} did not run, so there is no comparison</source>
        <translation>{name} は実行されなかったため、比較はありません</translation>
    </message>
    <message>
        <source>{name} did not run</source>
        <translation>{name} は実行されませんでした</translation>
    </message>
    <message>
        <source>Stopped after 1 inference, so this is provisional</source>
        <translation>1 回の推論で停止したため、暫定の結果です</translation>
    </message>
    <message>
        <source>Stopped after {n} inferences, so this is provisional</source>
        <translation>{n} 回の推論で停止したため、暫定の結果です</translation>
    </message>
    <message>
        <source>{stopped}: {speed}</source>
        <translation>{stopped}：{speed}</translation>
    </message>
    <message>
        <source>{name} was stopped before it was measured</source>
        <translation>{name} は計測前に停止されました</translation>
    </message>
    <message>
        <source>only one backend was run</source>
        <translation>実行したバックエンドは 1 つだけです</translation>
    </message>
    <message>
        <source>{candidate} is {factor} faster than {baseline} (median {fast} ms vs {slow} ms)</source>
        <translation>{candidate} は {baseline} より {factor} 高速（中央値 {fast} ms 対 {slow} ms）</translation>
    </message>
    <message>
        <source>{candidate} is {factor} slower than {baseline} (median {fast} ms vs {slow} ms)</source>
        <translation>{candidate} は {baseline} より {factor} 低速（中央値 {fast} ms 対 {slow} ms）</translation>
    </message>
    <message>
        <source>{candidate} is as fast as {baseline} (median {fast} ms vs {slow} ms)</source>
        <translation>{candidate} は {baseline} と同等の速さ（中央値 {fast} ms 対 {slow} ms）</translation>
    </message>
    <message>
        <source>pixel agreement {value}</source>
        <translation>ピクセル一致率 {value}</translation>
    </message>
    <message>
        <source>same top-1</source>
        <translation>第 1 候補は同じ</translation>
    </message>
    <message>
        <source>different top-1 ({first} vs {second})</source>
        <translation>第 1 候補が異なる（{first} 対 {second}）</translation>
    </message>
    <message>
        <source>largest score difference {delta}</source>
        <translation>スコアの最大差 {delta}</translation>
    </message>
</context>
<context>
    <name>ComparisonWidget</name>
    <message>
        <source>Choose a model and an image, then press Run.</source>
        <translation>モデルと画像を選んで「実行」を押してください。</translation>
    </message>
    <message>
        <source>COMPARISON</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>計測中…</translation>
    </message>
    <message>
        <source>Press Run to compare the backends.</source>
        <translation>「実行」を押すとバックエンドを比較します。</translation>
    </message>
    <message>
        <source>SO FAR</source>
        <translation>途中経過</translation>
    </message>
    <message>
        <source>PROVISIONAL</source>
        <translation>暫定</translation>
    </message>
    <message>
        <source>CANNOT RUN</source>
        <translation>実行できません</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Edge TPU diagnostics</source>
        <translation>Edge TPU の診断</translation>
    </message>
    <message>
        <source>Why the Edge TPU does or does not run on this computer, and how to fix it.</source>
        <translation>このコンピューターで Edge TPU が動く（または動かない）理由と、その直し方です。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>チェック項目</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>レポートをコピー</translation>
    </message>
    <message>
        <source>Copy the whole report, to paste into a support request or an e-mail.</source>
        <translation>レポート全体をコピーします。サポートへの問い合わせやメールに貼り付けてください。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再チェック</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Checking runtimes and devices…</source>
        <translation>ランタイムとデバイスを確認中…</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>修正が必要な問題 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>、警告 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problems, %n warning(s)</source>
        <translation>
            <numerusform>問題なし、警告 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything needed for the Edge TPU is in place</source>
        <translation>Edge TPU に必要なものはすべて揃っています</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>対処:</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>詳細:</translation>
    </message>
    <message>
        <source>Report copied: paste it into your support request.</source>
        <translation>レポートをコピーしました。サポートへの問い合わせに貼り付けてください。</translation>
    </message>
</context>
<context>
    <name>EngineTexts</name>
    <message>
        <source>is a folder, not a library</source>
        <translation>フォルダーで、ライブラリではありません</translation>
    </message>
    <message>
        <source>is not an ordinary file</source>
        <translation>通常のファイルではありません</translation>
    </message>
    <message>
        <source>is not a shared library</source>
        <translation>共有ライブラリではありません</translation>
    </message>
    <message>
        <source>is not a shared library (it looks like {kind})</source>
        <translation>共有ライブラリではありません（{kind} のようです）</translation>
    </message>
    <message>
        <source>was built for another processor (32-bit against 64-bit)</source>
        <translation>別のプロセッサー向けにビルドされています（32 ビットと 64 ビットの違い）</translation>
    </message>
    <message>
        <source>is a library, but not libedgetpu (it has no tflite_plugin_create_delegate)</source>
        <translation>ライブラリですが libedgetpu ではありません（tflite_plugin_create_delegate がありません）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>OS</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>TensorFlow Lite runtimes</source>
        <translation>TensorFlow Lite ランタイム</translation>
    </message>
    <message>
        <source>Edge TPU runtime</source>
        <translation>Edge TPU ランタイム</translation>
    </message>
    <message>
        <source>Edge TPU devices</source>
        <translation>Edge TPU デバイス</translation>
    </message>
    <message>
        <source>Edge TPU delegate</source>
        <translation>Edge TPU デリゲート</translation>
    </message>
    <message>
        <source>Google pycoral</source>
        <translation>Google の pycoral</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>診断</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>delegate</source>
        <translation>デリゲート</translation>
    </message>
    <message>
        <source>delegate ({target})</source>
        <translation>デリゲート（{target}）</translation>
    </message>
    <message>
        <source>any device</source>
        <translation>任意のデバイス</translation>
    </message>
    <message>
        <source>version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>runtime version</source>
        <translation>ランタイムのバージョン</translation>
    </message>
    <message>
        <source>build</source>
        <translation>ビルド</translation>
    </message>
    <message>
        <source>compatibility</source>
        <translation>互換性</translation>
    </message>
    <message>
        <source>PCIe card</source>
        <translation>PCIe カード</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>インストールされていません</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>使用可能</translation>
    </message>
    <message>
        <source>present, firmware not loaded yet (normal before first use)</source>
        <translation>接続済み、ファームウェアは未読み込み（初めて使う前は正常です）</translation>
    </message>
    <message>
        <source>present, but this user may not open it</source>
        <translation>接続済みですが、このユーザーには開く権限がありません</translation>
    </message>
    <message>
        <source>{title}, {state} ({ids}), {link}, {path}</source>
        <translation>{title}、{state}（{ids}）、{link}、{path}</translation>
    </message>
    <message>
        <source>{title}, {state} ({ids}), {path}</source>
        <translation>{title}、{state}（{ids}）、{path}</translation>
    </message>
    <message>
        <source>{generation} ({speed} Mbit/s)</source>
        <translation>{generation}（{speed} Mbit/s）</translation>
    </message>
    <message>
        <source>not installed (optional, for comparison only)</source>
        <translation>インストールされていません（任意。比較用にのみ使います）</translation>
    </message>
    <message>
        <source>not installed (optional: not needed to run the Edge TPU here)</source>
        <translation>インストールされていません（任意。このアプリで Edge TPU を動かすには不要です）</translation>
    </message>
    <message>
        <source>not read (probing is off)</source>
        <translation>読み取っていません（プローブはオフ）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>not tried: {reason}</source>
        <translation>試していません: {reason}</translation>
    </message>
    <message>
        <source>libedgetpu was not found</source>
        <translation>libedgetpu が見つかりません</translation>
    </message>
    <message>
        <source>the libedgetpu found is not usable (see above)</source>
        <translation>見つかった libedgetpu は使えません（上を参照）</translation>
    </message>
    <message>
        <source>ai-edge-litert is not installed</source>
        <translation>ai-edge-litert がインストールされていません</translation>
    </message>
    <message>
        <source>probing is off</source>
        <translation>プローブはオフです</translation>
    </message>
    <message>
        <source>created: the Edge TPU is ready to run</source>
        <translation>作成できました。Edge TPU で実行できます</translation>
    </message>
    <message>
        <source>loading libedgetpu failed: {reason}</source>
        <translation>libedgetpu を読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>the probe process died with {how}</source>
        <translation>確認用のプロセスが {how} で終了しました</translation>
    </message>
    <message>
        <source>the probe process did not answer in time</source>
        <translation>確認用のプロセスが時間内に応答しませんでした</translation>
    </message>
    <message>
        <source>this libedgetpu does not report its version</source>
        <translation>この libedgetpu はバージョンを報告しません</translation>
    </message>
    <message>
        <source>{path} (on {variable})</source>
        <translation>{path}（{variable} 経由）</translation>
    </message>
    <message>
        <source>std: reduced clock (told by {source}: {name})</source>
        <translation>std: クロックを抑えた版（{source} による: {name}）</translation>
    </message>
    <message>
        <source>max: full clock, the device gets hot to the touch (told by {source}: {name})</source>
        <translation>max: 最大クロック。デバイスは触ると熱くなります（{source} による: {name}）</translation>
    </message>
    <message>
        <source>cannot tell whether it is std or max</source>
        <translation>std 版か max 版か判別できません</translation>
    </message>
    <message>
        <source>Coral&apos;s libedgetpu {version} was built for TensorFlow Lite 2.11 or older and may crash with ai-edge-litert {litert}</source>
        <translation>Coral の libedgetpu {version} は TensorFlow Lite 2.11 以前向けにビルドされており、ai-edge-litert {litert} ではクラッシュすることがあります</translation>
    </message>
    <message>
        <source>cannot be listed on this operating system; the delegate check below shows whether one answers</source>
        <translation>この OS では一覧を取得できません。応答するデバイスがあるかは下のデリゲートの確認でわかります</translation>
    </message>
    <message>
        <source>found at {card}, but its driver is not loaded (no /dev/apex_N)</source>
        <translation>{card} に見つかりましたが、ドライバーが読み込まれていません（/dev/apex_N がありません）</translation>
    </message>
    <message>
        <source>{version}, but it cannot work with numpy {numpy} (it needs numpy &lt; 2)</source>
        <translation>{version}。ただし numpy {numpy} とは動きません（numpy &lt; 2 が必要です）</translation>
    </message>
    <message>
        <source>{version} (numpy {numpy} is fine)</source>
        <translation>{version}（numpy {numpy} で問題ありません）</translation>
    </message>
    <message>
        <source>Google&apos;s pycoral {version} (pycoral.utils.edgetpu is present)</source>
        <translation>Google の pycoral {version}（pycoral.utils.edgetpu があります）</translation>
    </message>
    <message>
        <source>the installed &apos;pycoral&apos; {version} is an unrelated project from PyPI (a command line for the Allen Coral Atlas of coral reefs), not Google&apos;s Coral library</source>
        <translation>インストールされている「pycoral」{version} は PyPI の無関係なプロジェクト（サンゴ礁の Allen Coral Atlas 用のコマンド）で、Google の Coral ライブラリではありません</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>バージョン不明</translation>
    </message>
    <message>
        <source>Reinstall libedgetpu, choosing the build made for your TensorFlow Lite version.</source>
        <translation>お使いの TensorFlow Lite のバージョン向けにビルドされた libedgetpu を入れ直してください。</translation>
    </message>
    <message>
        <source>Install Coral&apos;s PCIe driver (sudo apt-get install gasket-dkms libedgetpu1-std), then restart the computer.</source>
        <translation>Coral の PCIe ドライバーをインストールし（sudo apt-get install gasket-dkms libedgetpu1-std）、コンピューターを再起動してください。</translation>
    </message>
    <message>
        <source>Plug the Coral USB Accelerator into a USB 3 port (or check that the PCIe/M.2 card is seated), then run the check again.</source>
        <translation>Coral USB Accelerator を USB 3 ポートに挿し（または PCIe/M.2 カードがしっかり挿さっているか確かめ）、もう一度確認してください。</translation>
    </message>
    <message>
        <source>Coral publishes the Edge TPU runtime for x86-64, ARM64 and ARMv7 only, so use one of those computers.</source>
        <translation>Coral が Edge TPU ランタイムを公開しているのは x86-64、ARM64、ARMv7 だけです。これらのコンピューターを使ってください。</translation>
    </message>
    <message>
        <source>Use Python 3.10 to 3.13, the versions ai-edge-litert is built for.</source>
        <translation>ai-edge-litert が対応する Python 3.10～3.13 を使ってください。</translation>
    </message>
    <message>
        <source>Install it with: pip install ai-edge-litert</source>
        <translation>次のコマンドでインストールしてください: pip install ai-edge-litert</translation>
    </message>
    <message>
        <source>Install it with: pip install numpy</source>
        <translation>次のコマンドでインストールしてください: pip install numpy</translation>
    </message>
    <message>
        <source>Install numpy 1.x (pip install &apos;numpy&lt;2&apos;) to use tflite-runtime, or simply use ai-edge-litert.</source>
        <translation>tflite-runtime を使うには numpy 1.x を入れるか（pip install &apos;numpy&lt;2&apos;）、ai-edge-litert を使ってください。</translation>
    </message>
    <message>
        <source>Nothing here needs it; remove it with &apos;pip uninstall pycoral&apos; before installing Google&apos;s pycoral.</source>
        <translation>このアプリでは不要です。Google の pycoral を入れる前に「pip uninstall pycoral」で削除してください。</translation>
    </message>
    <message>
        <source>Plug it into a USB 3 port (often blue) with the supplied cable: over USB 2 every inference waits for the slow data transfer.</source>
        <translation>付属のケーブルで USB 3 ポート（多くは青色）に接続してください。USB 2 では推論のたびに遅いデータ転送を待つことになります。</translation>
    </message>
    <message>
        <source>For full speed install the max build instead (libedgetpu1-max, or the &apos;direct&apos; library of Coral&apos;s download); the device then gets hot.</source>
        <translation>全速で動かすには代わりに max 版（libedgetpu1-max、または Coral の配布物の「direct」ライブラリ）をインストールしてください。デバイスは熱くなります。</translation>
    </message>
    <message>
        <source>Add yourself to the &apos;{group}&apos; group (sudo usermod -aG {command} $USER), then log out, log in again and replug the device.</source>
        <translation>自分を「{group}」グループに追加し（sudo usermod -aG {command} $USER）、ログアウトして再ログインしてから、デバイスを挿し直してください。</translation>
    </message>
    <message>
        <source>You are in the &apos;{group}&apos; group, but this session started before that: log out and log in again (or restart the computer).</source>
        <translation>「{group}」グループには入っていますが、このセッションはその前に始まっています。ログアウトして再ログインしてください（またはコンピューターを再起動）。</translation>
    </message>
    <message>
        <source>The udev rule and the group are in place: unplug and replug the device (or run &apos;sudo udevadm trigger&apos;) so that the rule applies.</source>
        <translation>udev ルールとグループは設定済みです。ルールを反映させるため、デバイスを抜いて挿し直してください（または「sudo udevadm trigger」を実行）。</translation>
    </message>
    <message>
        <source>The Edge TPU runtime found at {path} cannot be used: it {problem}.</source>
        <translation>{path} にある Edge TPU ランタイムは使えません（{problem}）。</translation>
    </message>
    <message>
        <source>Remove or replace that file, then install the Edge TPU runtime (libedgetpu1-std) as Coral&apos;s Get Started guide describes, and run &apos;edgetpu-compare doctor&apos;.</source>
        <translation>そのファイルを削除するか置き換え、Coral の Get Started ガイドのとおりに Edge TPU ランタイム（libedgetpu1-std）をインストールしてから、「edgetpu-compare doctor」を実行してください。</translation>
    </message>
    <message>
        <source>The Edge TPU did not answer within {seconds} seconds.</source>
        <translation>Edge TPU が {seconds} 秒以内に応答しませんでした。</translation>
    </message>
    <message>
        <source>This model needs the operation {name}, which TensorFlow Lite does not have: it comes from {source}.</source>
        <translation>このモデルには TensorFlow Lite にない演算 {name} が必要です。この演算は {source} が提供します。</translation>
    </message>
    <message>
        <source>This model needs the operations {names}, which TensorFlow Lite does not have: it comes from {source}.</source>
        <translation>このモデルには TensorFlow Lite にない演算 {names} が必要です。最初の演算は {source} が提供します。</translation>
    </message>
    <message>
        <source>This model needs operations from the full TensorFlow, which TensorFlow Lite does not have: they come from {source}.</source>
        <translation>このモデルには TensorFlow Lite にない、完全版 TensorFlow の演算が必要です。これらは {source} が提供します。</translation>
    </message>
    <message>
        <source>libcoral&apos;s PoseNet decoder plugin (posenet_decoder.so)</source>
        <translation>libcoral の PoseNet デコーダープラグイン（posenet_decoder.so）</translation>
    </message>
    <message>
        <source>TensorFlow&apos;s own kernels (the Flex delegate of the full TensorFlow package)</source>
        <translation>TensorFlow 自身のカーネル（完全版 TensorFlow パッケージの Flex デリゲート）</translation>
    </message>
    <message>
        <source>the program the model was made for</source>
        <translation>モデルの作成元のプログラム</translation>
    </message>
    <message>
        <source>Choose a pose model without it, such as Coral&apos;s MoveNet models.</source>
        <translation>この演算を使わない姿勢推定モデル（Coral の MoveNet モデルなど）を選んでください。</translation>
    </message>
    <message>
        <source>Convert the model again with TensorFlow Lite&apos;s built-in operations only.</source>
        <translation>TensorFlow Lite の組み込み演算だけでモデルを変換し直してください。</translation>
    </message>
    <message>
        <source>Choose a model that uses TensorFlow Lite&apos;s built-in operations only.</source>
        <translation>TensorFlow Lite の組み込み演算だけを使うモデルを選んでください。</translation>
    </message>
    <message>
        <source>Download or copy the model again, or choose another .tflite file.</source>
        <translation>モデルをもう一度ダウンロードまたはコピーするか、別の .tflite ファイルを選んでください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a TensorFlow Lite model.</source>
        <translation>「{name}」は TensorFlow Lite モデルではありません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a TensorFlow Lite model (it looks like {kind}).</source>
        <translation>「{name}」は TensorFlow Lite モデルではありません（{kind} のようです）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is truncated: the file ends before the model does.</source>
        <translation>「{name}」は途中で切れています。モデルの終わりより前にファイルが終わっています。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged: its internal structure is inconsistent.</source>
        <translation>「{name}」は壊れています。内部構造に矛盾があります。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a valid file name.</source>
        <translation>「{name}」は有効なファイル名ではありません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is {what}, not a {noun}.</source>
        <translation>「{name}」は{what}で、{noun}ではありません。</translation>
    </message>
    <message>
        <source>The {noun} &apos;{path}&apos; does not exist.</source>
        <translation>{noun}「{path}」がありません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a folder, not a {noun}.</source>
        <translation>「{name}」はフォルダーで、{noun}ではありません。</translation>
    </message>
    <message>
        <source>Choose a {noun} inside the folder.</source>
        <translation>フォルダーの中の{noun}を選んでください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a link that loops back on itself.</source>
        <translation>「{name}」は自分自身を指すリンクです。</translation>
    </message>
    <message>
        <source>Choose the file the link should point to.</source>
        <translation>リンクの指すべきファイルを選んでください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be read.</source>
        <translation>「{name}」を読み込めません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty.</source>
        <translation>「{name}」は空です。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is too large to be a {noun} (more than {size}).</source>
        <translation>「{name}」は{noun}としては大きすぎます（{size} を超えています）。</translation>
    </message>
    <message>
        <source>Check the permissions of the file and of its folders, or copy it to a folder of your own.</source>
        <translation>ファイルとそのフォルダーのアクセス権を確かめるか、自分のフォルダーにコピーしてください。</translation>
    </message>
    <message>
        <source>a {format} image</source>
        <translation>{format} 画像</translation>
    </message>
    <message>
        <source>a {format} archive</source>
        <translation>{format} アーカイブ</translation>
    </message>
    <message>
        <source>a TensorFlow Lite model</source>
        <translation>TensorFlow Lite モデル</translation>
    </message>
    <message>
        <source>a file of only zero bytes</source>
        <translation>中身がすべて 0 のファイル</translation>
    </message>
    <message>
        <source>a web page</source>
        <translation>ウェブページ</translation>
    </message>
    <message>
        <source>an XML or SVG file</source>
        <translation>XML または SVG のファイル</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>テキストファイル</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文書</translation>
    </message>
    <message>
        <source>a program (ELF executable)</source>
        <translation>プログラム（ELF 実行ファイル）</translation>
    </message>
    <message>
        <source>a Windows program</source>
        <translation>Windows のプログラム</translation>
    </message>
    <message>
        <source>a Keras/HDF5 model</source>
        <translation>Keras/HDF5 モデル</translation>
    </message>
    <message>
        <source>{command} (needs numpy &lt; 2, Python 3.11 or older)</source>
        <translation>{command}（numpy &lt; 2、Python 3.11 以前が必要）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; names only {named} of the model&apos;s {classes} classes, so the others are shown as &apos;class N&apos;.</source>
        <translation>「{name}」にはモデルの {classes} クラスのうち {named} クラスの名前しかないため、残りは「class N」と表示します。</translation>
    </message>
    <message>
        <source>The labels file</source>
        <translation>ラベルファイル</translation>
    </message>
    <message>
        <source>Choose the labels file that came with this model.</source>
        <translation>このモデルに付属のラベルファイルを選んでください。</translation>
    </message>
    <message>
        <source>model file</source>
        <translation>モデルファイル</translation>
    </message>
    <message>
        <source>labels file</source>
        <translation>ラベルファイル</translation>
    </message>
    <message>
        <source>image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>result file</source>
        <translation>結果ファイル</translation>
    </message>
    <message>
        <source>{path} could not be downloaded ({reason}).</source>
        <translation>{path} をダウンロードできませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>{path} is not in {source}.</source>
        <translation>{path} は {source} にありません。</translation>
    </message>
    <message>
        <source>Copy the complete sample folder (models/, labels/, images/) and try again.</source>
        <translation>サンプルのフォルダー一式（models/、labels/、images/）をコピーして、もう一度試してください。</translation>
    </message>
    <message>
        <source>{path} in {source} cannot be used: {message}</source>
        <translation>{source} の {path} は使えません: {message}</translation>
    </message>
    <message>
        <source>Replace it in the source folder with the real file, or fetch from another source.</source>
        <translation>コピー元のフォルダーのファイルを本物に置き換えるか、別の取得元から取得してください。</translation>
    </message>
    <message>
        <source>the transfer stopped after {got} of {expected} bytes</source>
        <translation>{expected} バイト中 {got} バイトで転送が止まりました</translation>
    </message>
    <message>
        <source>{text} is a {scheme} address, which cannot be fetched from.</source>
        <translation>{text} は {scheme} のアドレスで、ここからは取得できません。</translation>
    </message>
    <message>
        <source>The folder {folder} {problem}.</source>
        <translation>フォルダー {folder} は使えません（{problem}）。</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>存在しません</translation>
    </message>
    <message>
        <source>{text} is not a valid address ({reason}).</source>
        <translation>{text} は有効なアドレスではありません（{reason}）。</translation>
    </message>
    <message>
        <source>{text} names no server.</source>
        <translation>{text} にはサーバー名がありません。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be created.</source>
        <translation>フォルダー {folder} を作成できません。</translation>
    </message>
    <message>
        <source>Cannot write into {folder}.</source>
        <translation>{folder} に書き込めません。</translation>
    </message>
    <message>
        <source>Cannot copy {name} into {folder}.</source>
        <translation>{name} を {folder} にコピーできません。</translation>
    </message>
    <message>
        <source>Give the folder that holds models/, labels/ and images/ (for example a copy of ../shared/coral), or an http(s) address.</source>
        <translation>models/、labels/、images/ を含むフォルダー（../shared/coral のコピーなど）か、http(s) のアドレスを指定してください。</translation>
    </message>
    <message>
        <source>{path} was refused: it has {actual} bytes, not {size} as the manifest says, so the source&apos;s copy is damaged or changed.</source>
        <translation>{path} を受け付けませんでした。サイズが {actual} バイトで、一覧（manifest）にある {size} バイトと違うため、取得元のコピーが壊れているか変更されています。</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <source>No Edge TPU runtime</source>
        <translation>Edge TPU ランタイムがありません</translation>
    </message>
    <message>
        <source>No Edge TPU found</source>
        <translation>Edge TPU が見つかりません</translation>
    </message>
    <message>
        <source>Edge TPU not accessible</source>
        <translation>Edge TPU にアクセスできません</translation>
    </message>
    <message>
        <source>Runtime not installed</source>
        <translation>ランタイムがインストールされていません</translation>
    </message>
    <message>
        <source>Runtimes do not match</source>
        <translation>ランタイムの組み合わせが合いません</translation>
    </message>
    <message>
        <source>The measurement stopped</source>
        <translation>計測が止まりました</translation>
    </message>
    <message>
        <source>Model only runs on an Edge TPU</source>
        <translation>このモデルは Edge TPU 専用です</translation>
    </message>
    <message>
        <source>Model not compiled for the Edge TPU</source>
        <translation>Edge TPU 用にコンパイルされていないモデルです</translation>
    </message>
    <message>
        <source>Not a usable model</source>
        <translation>使えないモデルです</translation>
    </message>
    <message>
        <source>Model not supported</source>
        <translation>対応していないモデルです</translation>
    </message>
    <message>
        <source>Image cannot be read</source>
        <translation>画像を読み込めません</translation>
    </message>
    <message>
        <source>Labels cannot be read</source>
        <translation>ラベルを読み込めません</translation>
    </message>
    <message>
        <source>The model failed while running</source>
        <translation>実行中にモデルが失敗しました</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>This backend could not run</source>
        <translation>このバックエンドは実行できませんでした</translation>
    </message>
    <message>
        <source>WHAT TO DO</source>
        <translation>対処方法</translation>
    </message>
    <message>
        <source>CORAL&apos;S PUBLISHED FIGURE · NOT MEASURED HERE</source>
        <translation>CORAL の公表値 · ここでの測定値ではありません</translation>
    </message>
    <message>
        <source>Diagnostics…</source>
        <translation>診断…</translation>
    </message>
    <message>
        <source>Check runtimes and Edge TPU devices, and see how to fix problems</source>
        <translation>ランタイムと Edge TPU デバイスを確認し、問題の直し方を表示します</translation>
    </message>
    <message>
        <source>Details: {detail}</source>
        <translation>詳細: {detail}</translation>
    </message>
</context>
<context>
    <name>ErrorTexts</name>
    <message>
        <source>The model file is not a valid TensorFlow Lite model.</source>
        <translation>モデルファイルが正しい TensorFlow Lite モデルではありません。</translation>
    </message>
    <message>
        <source>Choose a .tflite file exported by TensorFlow Lite or compiled by the Edge TPU Compiler.</source>
        <translation>TensorFlow Lite で書き出した、または Edge TPU Compiler でコンパイルした .tflite ファイルを選んでください。</translation>
    </message>
    <message>
        <source>The model is valid, but this app cannot run it.</source>
        <translation>モデルの形式は正しいものの、このアプリでは実行できません。</translation>
    </message>
    <message>
        <source>Choose a model that takes one picture and uses TensorFlow Lite&apos;s built-in operations (or one compiled for the Edge TPU).</source>
        <translation>画像を 1 枚受け取り、TensorFlow Lite の組み込み演算を使うモデル（または Edge TPU 向けにコンパイルされたモデル）を選んでください。</translation>
    </message>
    <message>
        <source>The image cannot be read.</source>
        <translation>画像を読み込めません。</translation>
    </message>
    <message>
        <source>Choose a JPEG, PNG or BMP picture that opens in an image viewer.</source>
        <translation>画像ビューアーで開ける JPEG、PNG、BMP の画像を選んでください。</translation>
    </message>
    <message>
        <source>The labels file is not UTF-8 text.</source>
        <translation>ラベルファイルが UTF-8 のテキストではありません。</translation>
    </message>
    <message>
        <source>Choose the plain-text labels file that came with the model, or leave labels empty.</source>
        <translation>モデルに付属しているテキスト形式のラベルファイルを選ぶか、ラベルを空のままにしてください。</translation>
    </message>
    <message>
        <source>This model is compiled for the Edge TPU and cannot run on the CPU.</source>
        <translation>このモデルは Edge TPU 用にコンパイルされているため、CPU では実行できません。</translation>
    </message>
    <message>
        <source>Put the uncompiled model (the same name without _edgetpu) in the same folder.</source>
        <translation>コンパイル前のモデル（名前から _edgetpu を除いたもの）を同じフォルダーに置いてください。</translation>
    </message>
    <message>
        <source>This model is not compiled for the Edge TPU, so it runs on the CPU even here.</source>
        <translation>このモデルは Edge TPU 用にコンパイルされていないため、ここでも CPU で実行されます。</translation>
    </message>
    <message>
        <source>Compile it with the Edge TPU Compiler, or use the _edgetpu.tflite file that came with it.</source>
        <translation>Edge TPU Compiler でコンパイルするか、付属の _edgetpu.tflite ファイルを使ってください。</translation>
    </message>
    <message>
        <source>No Edge TPU runtime (libedgetpu) is installed.</source>
        <translation>Edge TPU ランタイム（libedgetpu）がインストールされていません。</translation>
    </message>
    <message>
        <source>Install the Edge TPU runtime (libedgetpu1-std) as Coral&apos;s Get Started guide describes, then run &apos;edgetpu-compare doctor&apos;.</source>
        <translation>Coral の Get Started ガイドに従って Edge TPU ランタイム（libedgetpu1-std）をインストールし、「edgetpu-compare doctor」を実行してください。</translation>
    </message>
    <message>
        <source>The Edge TPU runtime is installed, but no Edge TPU answered.</source>
        <translation>Edge TPU ランタイムはインストールされていますが、応答する Edge TPU がありません。</translation>
    </message>
    <message>
        <source>Plug in the Coral USB Accelerator (or check the PCIe card), then run &apos;edgetpu-compare doctor&apos;.</source>
        <translation>Coral USB Accelerator を接続して（または PCIe カードを確認して）から、「edgetpu-compare doctor」を実行してください。</translation>
    </message>
    <message>
        <source>An Edge TPU is attached, but this user may not open it.</source>
        <translation>Edge TPU は接続されていますが、このユーザーには使用する権限がありません。</translation>
    </message>
    <message>
        <source>Install Coral&apos;s udev rule (or add yourself to the &apos;apex&apos; or &apos;plugdev&apos; group), then unplug and replug the device.</source>
        <translation>Coral の udev ルールをインストールして（または自分を &apos;apex&apos; か &apos;plugdev&apos; グループに追加して）から、デバイスを抜き差ししてください。</translation>
    </message>
    <message>
        <source>The Edge TPU stopped answering over USB.</source>
        <translation>Edge TPU が USB 経由で応答しなくなりました。</translation>
    </message>
    <message>
        <source>Unplug and replug the USB Accelerator, use a USB 3 port and the supplied cable, or connect it through a powered USB hub.</source>
        <translation>USB Accelerator を抜き差しする、USB 3 ポートと付属のケーブルを使う、またはセルフパワーの USB ハブを経由して接続してください。</translation>
    </message>
    <message>
        <source>The TensorFlow Lite runtime for this backend is not installed.</source>
        <translation>このバックエンド用の TensorFlow Lite ランタイムがインストールされていません。</translation>
    </message>
    <message>
        <source>Install it with: pip install ai-edge-litert (or pip install &apos;edgetpu-compare[tflite]&apos;).</source>
        <translation>次のコマンドでインストールしてください: pip install ai-edge-litert（または pip install &apos;edgetpu-compare[tflite]&apos;）。</translation>
    </message>
    <message>
        <source>The Edge TPU runtime does not match the TensorFlow Lite runtime.</source>
        <translation>Edge TPU ランタイムと TensorFlow Lite ランタイムの組み合わせが合っていません。</translation>
    </message>
    <message>
        <source>Install a libedgetpu built for this TensorFlow Lite version, or the TensorFlow Lite version your libedgetpu was built for.</source>
        <translation>この TensorFlow Lite のバージョン向けにビルドされた libedgetpu か、お使いの libedgetpu に対応するバージョンの TensorFlow Lite をインストールしてください。</translation>
    </message>
    <message>
        <source>The process measuring this backend stopped unexpectedly.</source>
        <translation>このバックエンドを計測していたプロセスが予期せず終了しました。</translation>
    </message>
    <message>
        <source>Run &apos;edgetpu-compare doctor&apos; and try again; if it happens again, attach its report to a bug report.</source>
        <translation>「edgetpu-compare doctor」を実行してから、もう一度試してください。再発する場合は、その出力をバグ報告に添付してください。</translation>
    </message>
    <message>
        <source>The run was stopped before this backend finished.</source>
        <translation>このバックエンドが終わる前に実行が停止されました。</translation>
    </message>
    <message>
        <source>Press Run again to measure it.</source>
        <translation>もう一度「実行」を押すと計測します。</translation>
    </message>
    <message>
        <source>The model failed while it was running.</source>
        <translation>実行中にモデルが失敗しました。</translation>
    </message>
    <message>
        <source>Check that the model runs with its own runtime, or choose another model.</source>
        <translation>モデルが本来のランタイムで動くか確認するか、別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>The command line is incomplete.</source>
        <translation>コマンドラインが不完全です。</translation>
    </message>
    <message>
        <source>Run &apos;edgetpu-compare --help&apos; to see the options.</source>
        <translation>「edgetpu-compare --help」を実行するとオプションが表示されます。</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>ファイルが存在しません。</translation>
    </message>
    <message>
        <source>Check the path, or choose the file with Open.</source>
        <translation>パスを確認するか、「開く」でファイルを選んでください。</translation>
    </message>
    <message>
        <source>The file is not a result file of Edge TPU Compare.</source>
        <translation>Edge TPU Compare の結果ファイルではありません。</translation>
    </message>
    <message>
        <source>Choose a .json file saved by Edge TPU Compare.</source>
        <translation>Edge TPU Compare で保存した .json ファイルを選んでください。</translation>
    </message>
    <message>
        <source>A file could not be written.</source>
        <translation>ファイルを書き込めませんでした。</translation>
    </message>
    <message>
        <source>Check that the folder exists and that you may write to it.</source>
        <translation>フォルダーが存在し、書き込み権限があるか確認してください。</translation>
    </message>
    <message>
        <source>The list of sample models (manifest.json) is damaged.</source>
        <translation>サンプルモデルの一覧（manifest.json）が壊れています。</translation>
    </message>
    <message>
        <source>Reinstall edgetpu-compare: the list ships inside it.</source>
        <translation>edgetpu-compare を再インストールしてください。一覧はその中に含まれています。</translation>
    </message>
    <message>
        <source>The folder or address to fetch the sample models from cannot be used.</source>
        <translation>サンプルモデルの取得元のフォルダーまたはアドレスが使えません。</translation>
    </message>
    <message>
        <source>Give an existing folder that holds models/, labels/ and images/, or an http(s) address.</source>
        <translation>models/、labels/、images/ を含む既存のフォルダーか、http(s) のアドレスを指定してください。</translation>
    </message>
    <message>
        <source>A sample file could not be downloaded.</source>
        <translation>サンプルファイルをダウンロードできませんでした。</translation>
    </message>
    <message>
        <source>Check the internet connection and run &apos;edgetpu-compare models fetch&apos; again.</source>
        <translation>インターネット接続を確認して、もう一度「edgetpu-compare models fetch」を実行してください。</translation>
    </message>
    <message>
        <source>The sample models could not be downloaded: this computer did not reach their server (no network, or the server is down).</source>
        <translation>サンプルモデルをダウンロードできませんでした。このコンピューターから配布元のサーバーに接続できません（ネットワークがないか、サーバーが停止しています）。</translation>
    </message>
    <message>
        <source>Copy them from a folder or USB stick that holds a copy instead (&quot;Copy sample models from a folder…&quot; in the window, or &apos;edgetpu-compare models fetch --from FOLDER&apos;); the built-in bird sample works without them.</source>
        <translation>代わりに、コピーを収めたフォルダーや USB メモリーから取り込んでください（ウィンドウの「フォルダーからサンプルモデルをコピー…」、または「edgetpu-compare models fetch --from フォルダー」）。内蔵の鳥のサンプルはそれがなくても使えます。</translation>
    </message>
    <message>
        <source>A sample file has the wrong size, so the source&apos;s copy is damaged or changed.</source>
        <translation>サンプルファイルのサイズが違います。取得元のコピーが壊れているか、変更されています。</translation>
    </message>
    <message>
        <source>Fetch it again from the original source, or replace the damaged copy in the folder or mirror it came from.</source>
        <translation>元の配布元からもう一度取得するか、取得元のフォルダーやミラーにある壊れたコピーを置き換えてください。</translation>
    </message>
    <message>
        <source>A sample file&apos;s SHA-256 does not match, so the source&apos;s copy is damaged or changed.</source>
        <translation>サンプルファイルの SHA-256 が一致しません。取得元のコピーが壊れているか、変更されています。</translation>
    </message>
    <message>
        <source>Install the Edge TPU runtime (libedgetpu) as Coral&apos;s Get Started guide describes, then open Diagnostics to check it.</source>
        <translation>Coral の Get Started ガイドの手順どおりに Edge TPU ランタイム（libedgetpu）をインストールし、「診断」を開いて確認してください。</translation>
    </message>
    <message>
        <source>Plug in the Coral USB Accelerator (or check the PCIe card), then open Diagnostics to check it.</source>
        <translation>Coral USB Accelerator を接続し（または PCIe カードを確認し）、「診断」を開いて確認してください。</translation>
    </message>
    <message>
        <source>Open Diagnostics and try again; if it happens again, attach its report to a bug report.</source>
        <translation>「診断」を開いてからもう一度試してください。再び起きる場合は、その報告をバグ報告に添付してください。</translation>
    </message>
</context>
<context>
    <name>FilePickerWidget</name>
    <message>
        <source>Open…</source>
        <translation>開く…</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>TensorFlow Lite models (*.tflite);;All files (*)</source>
        <translation>TensorFlow Lite モデル (*.tflite);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Labels (*.txt);;All files (*)</source>
        <translation>ラベル (*.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp);;All files (*)</source>
        <translation>画像 (*.jpg *.jpeg *.png *.bmp *.gif *.webp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Result files (*.json);;All files (*)</source>
        <translation>結果ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>HTML reports (*.html)</source>
        <translation>HTML レポート (*.html)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>Open a labels file</source>
        <translation>ラベルファイルを開く</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>Open a saved result</source>
        <translation>保存した結果を開く</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>class {n}</source>
        <translation>クラス {n}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{value} ms</source>
        <translation>{value} ms</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Edge TPU</source>
        <translation>Edge TPU</translation>
    </message>
    <message>
        <source>{name} ({detail})</source>
        <translation>{name}（{detail}）</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>1 スレッド</translation>
    </message>
    <message>
        <source>{n} threads</source>
        <translation>{n} スレッド</translation>
    </message>
    <message>
        <source>reference kernels</source>
        <translation>リファレンスカーネル</translation>
    </message>
    <message>
        <source>built-in kernels</source>
        <translation>組み込みカーネル</translation>
    </message>
    <message>
        <source>first found</source>
        <translation>最初に見つかったデバイス</translation>
    </message>
    <message>
        <source>performance High (throttled build)</source>
        <translation>性能 High（低クロック版のため）</translation>
    </message>
    <message>
        <source>performance {level}</source>
        <translation>性能 {level}</translation>
    </message>
    <message>
        <source>always DFU</source>
        <translation>毎回 DFU</translation>
    </message>
    <message>
        <source>bulk-in queue {n}</source>
        <translation>バルク受信キュー {n}</translation>
    </message>
    <message>
        <source>{used} of {total} cores</source>
        <translation>{total} コア中 {used} コア</translation>
    </message>
    <message>
        <source>one core each (cores {cores})</source>
        <translation>各スレッドに 1 コア（コア {cores}）</translation>
    </message>
    <message>
        <source>libedgetpu {path} ({version})</source>
        <translation>libedgetpu {path}（{version}）</translation>
    </message>
    <message>
        <source>{name} ({details})</source>
        <translation>{name}（{details}）</translation>
    </message>
</context>
<context>
    <name>HistogramWidget</name>
    <message>
        <source>latency (ms)</source>
        <translation>レイテンシ (ms)</translation>
    </message>
    <message>
        <source>inferences</source>
        <translation>推論回数</translation>
    </message>
    <message>
        <source>+{n} slower, up to {ms} ms</source>
        <translation>ほかに遅い推論 {n} 回（最大 {ms} ms）</translation>
    </message>
</context>
<context>
    <name>HtmlReport</name>
    <message>
        <source>Edge TPU Compare report</source>
        <translation>Edge TPU Compare レポート</translation>
    </message>
    <message>
        <source>Created {date}</source>
        <translation>作成日時 {date}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Backends</source>
        <translation>バックエンド</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Timed inferences</source>
        <translation>計測した推論</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>ウォームアップ</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>上位 k 件</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>順序</translation>
    </message>
    <message>
        <source>Score threshold</source>
        <translation>スコアのしきい値</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>OS</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>コア数</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>none (class numbers shown)</source>
        <translation>なし（クラス番号を表示）</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス数</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>ランタイム</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>{model} (compiled for the Edge TPU)</source>
        <translation>{model}（Edge TPU 向けにコンパイル済み）</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>median of {n}</source>
        <translation>{n} 回の中央値</translation>
    </message>
    <message>
        <source>{rate} inferences per second</source>
        <translation>毎秒 {rate} 回の推論</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>First inference</source>
        <translation>初回推論</translation>
    </message>
    <message>
        <source>Latency, ms (first inference and warm-ups excluded)</source>
        <translation>レイテンシ（ms、初回推論とウォームアップを除く）</translation>
    </message>
    <message>
        <source>count</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中央値</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>std</source>
        <translation>標準偏差</translation>
    </message>
    <message>
        <source>class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>keypoint</source>
        <translation>キーポイント</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>box</source>
        <translation>枠</translation>
    </message>
    <message>
        <source>share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Outputs, {fed}</source>
        <translation>出力（{fed}）</translation>
    </message>
    <message>
        <source>The picture with what this backend found</source>
        <translation>このバックエンドが見つけたものを描いた画像</translation>
    </message>
    <message>
        <source>Keypoints; x and y as fractions of the picture, drawn when scored above 0.4</source>
        <translation>キーポイント。x と y は画像に対する割合で、スコアが 0.4 を超えたものを描画</translation>
    </message>
    <message>
        <source>Classes present and their share of the pixels</source>
        <translation>含まれるクラスと画素に占める割合</translation>
    </message>
    <message>
        <source>{n} objects; boxes as xmin, ymin, xmax, ymax in the picture&apos;s pixels</source>
        <translation>物体 {n} 個。枠は画像の画素単位で xmin、ymin、xmax、ymax</translation>
    </message>
    <message>
        <source>Technical detail</source>
        <translation>技術的な詳細</translation>
    </message>
    <message>
        <source>Error code {code}</source>
        <translation>エラーコード {code}</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>答えの一致</translation>
    </message>
    <message>
        <source>Nothing to compare: fewer than two backends produced results.</source>
        <translation>比較するものがありません。結果を出したバックエンドが 2 つ未満です。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基準</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>比較対象</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Same top-1</source>
        <translation>第 1 候補が同じ</translation>
    </message>
    <message>
        <source>Top-k overlap</source>
        <translation>上位 k 件の重なり</translation>
    </message>
    <message>
        <source>Largest score difference</source>
        <translation>スコアの最大差</translation>
    </message>
    <message>
        <source>Keypoints</source>
        <translation>キーポイント</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Coral&apos;s published figure</source>
        <translation>Coral の公表値</translation>
    </message>
    <message>
        <source>(not measured here)</source>
        <translation>（ここでの測定値ではありません）</translation>
    </message>
    <message>
        <source>What to do: {remedy}</source>
        <translation>対処: {remedy}</translation>
    </message>
    <message>
        <source>Made by Edge TPU Compare · result schema {schema}</source>
        <translation>Edge TPU Compare で作成 · 結果の形式 {schema}</translation>
    </message>
    <message>
        <source>Latency histogram, {n} bins</source>
        <translation>レイテンシのヒストグラム（{n} 区間）</translation>
    </message>
    <message>
        <source>median {ms} ms</source>
        <translation>中央値 {ms} ms</translation>
    </message>
    <message>
        <source>Latency per iteration</source>
        <translation>回ごとのレイテンシ</translation>
    </message>
    <message>
        <source>iteration 1</source>
        <translation>1 回目</translation>
    </message>
    <message>
        <source>{n} · ms per iteration</source>
        <translation>{n} 回 · 1 回あたりの ms</translation>
    </message>
    <message>
        <source>The picture measured</source>
        <translation>計測した画像</translation>
    </message>
    <message>
        <source>alternate</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>順番</translation>
    </message>
</context>
<context>
    <name>InputBarWidget</name>
    <message>
        <source>Choose a TensorFlow Lite model…</source>
        <translation>TensorFlow Lite モデルを選択…</translation>
    </message>
    <message>
        <source>Open a .tflite model</source>
        <translation>.tflite モデルを開く</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>詳細…</translation>
    </message>
    <message>
        <source>What runs where: the model&apos;s input, output, operations and parameters</source>
        <translation>どこで何が動くか: モデルの入力、出力、演算、パラメータ</translation>
    </message>
    <message>
        <source>No labels: results show class numbers</source>
        <translation>ラベルなし: 結果はクラス番号で表示</translation>
    </message>
    <message>
        <source>Open the labels file that came with the model</source>
        <translation>モデルに付属のラベルファイルを開く</translation>
    </message>
    <message>
        <source>Choose an image…</source>
        <translation>画像を選択…</translation>
    </message>
    <message>
        <source>Open a JPEG, PNG or BMP picture</source>
        <translation>JPEG、PNG、BMP の画像を開く</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Inferences</source>
        <translation>推論回数</translation>
    </message>
    <message>
        <source>Timed inferences per backend, after the first one and the warm-ups</source>
        <translation>バックエンドごとに計測する推論の回数（初回とウォームアップを除く）</translation>
    </message>
    <message>
        <source>Score threshold</source>
        <translation>スコアのしきい値</translation>
    </message>
    <message>
        <source>Objects scoring below this are not shown. Raising it hides objects at once; objects below the last run&apos;s threshold were not kept, so a lower one shows more from the next run</source>
        <translation>これより低いスコアの物体は表示しません。上げるとすぐに物体が隠れます。前回の実行のしきい値より低い物体は保存されていないため、下げた値は次の実行から多くの物体を表示します</translation>
    </message>
    <message>
        <source>▶  Run</source>
        <translation>▶  実行</translation>
    </message>
    <message>
        <source>Measure the model on every backend (Ctrl+R)</source>
        <translation>すべてのバックエンドでモデルを計測します (Ctrl+R)</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  停止</translation>
    </message>
    <message>
        <source>Stop the run; what was measured stays (Esc)</source>
        <translation>実行を停止します。計測済みの結果は残ります (Esc)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Drop an
image here</source>
        <translation>ここに画像を
ドロップ</translation>
    </message>
    <message>
        <source>Cannot
show image</source>
        <translation>画像を
表示できません</translation>
    </message>
</context>
<context>
    <name>IterationStripWidget</name>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>反復</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Edge TPU Compare</source>
        <translation>Edge TPU Compare</translation>
    </message>
    <message>
        <source>Drop a model, a labels file and an image anywhere in this window,
or choose them above with Open…</source>
        <translation>モデル、ラベルファイル、画像をこのウィンドウのどこかにドロップするか、
上の「開く…」で選んでください</translation>
    </message>
    <message>
        <source>{name} is not a model, labels file, image or result file.</source>
        <translation>{name} はモデル、ラベルファイル、画像、結果ファイルのいずれでもありません。</translation>
    </message>
    <message>
        <source>Drop a .tflite model, a .txt labels file, a picture or a saved .json result.</source>
        <translation>.tflite モデル、.txt ラベルファイル、画像、または保存した .json の結果をドロップしてください。</translation>
    </message>
    <message>
        <source>Passed over {count} file(s) in the model folders, e.g. {name}: {reason}.</source>
        <translation>モデルのフォルダーで {count} 個のファイルを読み飛ばしました（例: {name}: {reason}）。</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>{name} を開きました</translation>
    </message>
    <message>
        <source>No labels (class numbers)</source>
        <translation>ラベルなし（クラス番号）</translation>
    </message>
    <message>
        <source>Choose a model and an image first.</source>
        <translation>先にモデルと画像を選んでください。</translation>
    </message>
    <message>
        <source>Use Open… above, or drop the files on the window.</source>
        <translation>上の「開く…」を使うか、ファイルをウィンドウにドロップしてください。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <source>Press Run to compare the backends.</source>
        <translation>「実行」を押すとバックエンドを比較します。</translation>
    </message>
    <message>
        <source>Choose a model and an image, then press Run.</source>
        <translation>モデルと画像を選んで「実行」を押してください。</translation>
    </message>
    <message>
        <source>Diagnostics are not available; run &apos;edgetpu-compare doctor&apos;.</source>
        <translation>診断を表示できません。「edgetpu-compare doctor」を実行してください。</translation>
    </message>
    <message>
        <source>Choose a model first.</source>
        <translation>まずモデルを選んでください。</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>classification</source>
        <translation>画像分類</translation>
    </message>
    <message>
        <source>object detection</source>
        <translation>物体検出</translation>
    </message>
    <message>
        <source>segmentation</source>
        <translation>セグメンテーション</translation>
    </message>
    <message>
        <source>pose estimation</source>
        <translation>姿勢推定</translation>
    </message>
    <message>
        <source>other task</source>
        <translation>その他のタスク</translation>
    </message>
    <message>
        <source>CPU + Edge TPU</source>
        <translation>CPU + Edge TPU</translation>
    </message>
    <message>
        <source>Edge TPU only</source>
        <translation>Edge TPU のみ</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>CPU のみ</translation>
    </message>
    <message>
        <source>{name} ({sides})</source>
        <translation>{name}（{sides}）</translation>
    </message>
    <message>
        <source>{name} · {task} ({sides})</source>
        <translation>{name} · {task}（{sides}）</translation>
    </message>
    <message>
        <source>{name} (cannot be used)</source>
        <translation>{name}（使用できません）</translation>
    </message>
</context>
<context>
    <name>ModelDetailsDialog</name>
    <message>
        <source>Model details</source>
        <translation>モデルの詳細</translation>
    </message>
    <message>
        <source>What runs where, read from the model files (nothing was run).</source>
        <translation>モデルファイルから読み取った、どこで何が動くか（何も実行していません）。</translation>
    </message>
    <message>
        <source>CPU model</source>
        <translation>CPU 用モデル</translation>
    </message>
    <message>
        <source>Edge TPU model</source>
        <translation>Edge TPU 用モデル</translation>
    </message>
</context>
<context>
    <name>ModelInsight</name>
    <message>
        <source>{count} of {total} operations on the Edge TPU.</source>
        <translation>{total} 個の演算のうち {count} 個が Edge TPU で動きます。</translation>
    </message>
    <message>
        <source>Parameters ({size}) exceed the Edge TPU&apos;s 8 MiB on-chip memory: some are streamed over USB at every inference.</source>
        <translation>パラメータ（{size}）が Edge TPU のオンチップメモリ 8 MiB を超えています。推論のたびに一部が USB 経由で転送されます。</translation>
    </message>
    <message>
        <source>Not compiled for the Edge TPU: all {total} operations run on the CPU.</source>
        <translation>Edge TPU 用にコンパイルされていません。{total} 個の演算はすべて CPU で動きます。</translation>
    </message>
    <message>
        <source>Parameters ({size}) exceed the Edge TPU&apos;s 8 MiB on-chip memory: once compiled, some will be streamed over USB at every inference.</source>
        <translation>パラメータ（{size}）が Edge TPU のオンチップメモリ 8 MiB を超えています。コンパイルすると、推論のたびに一部が USB 経由で転送されます。</translation>
    </message>
    <message>
        <source>Parameters streamed over USB ({size} &gt; 8 MiB).</source>
        <translation>パラメータを USB 経由で転送（{size} &gt; 8 MiB）。</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} バイト</translation>
    </message>
    <message>
        <source>{size} ({n} bytes)</source>
        <translation>{size}（{n} バイト）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>scale {scale}, zero point {zero}</source>
        <translation>スケール {scale}、ゼロ点 {zero}</translation>
    </message>
    <message>
        <source>the pixels as they are</source>
        <translation>画素値をそのまま使用</translation>
    </message>
    <message>
        <source>from the model&apos;s metadata</source>
        <translation>モデルのメタデータから</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>; fed as the raw pixels (the same within one step)</source>
        <translation>。1 段階以内で同じなので、元の画素値をそのまま入力</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>画像分類</translation>
    </message>
    <message>
        <source>Object detection</source>
        <translation>物体検出</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>セグメンテーション</translation>
    </message>
    <message>
        <source>Pose (keypoints)</source>
        <translation>姿勢推定（キーポイント）</translation>
    </message>
    <message>
        <source>Other (no task this program reads)</source>
        <translation>その他（このプログラムが読み取るタスクではない）</translation>
    </message>
    <message>
        <source>boxes</source>
        <translation>ボックス</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>scores</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>count</source>
        <translation>個数</translation>
    </message>
    <message>
        <source>class map</source>
        <translation>クラスマップ</translation>
    </message>
    <message>
        <source>class scores per pixel</source>
        <translation>画素ごとのクラススコア</translation>
    </message>
    <message>
        <source>keypoints</source>
        <translation>キーポイント</translation>
    </message>
    <message>
        <source>– (keypoints, not classes)</source>
        <translation>–（クラスではなくキーポイント）</translation>
    </message>
    <message>
        <source>the ids in its class map (the file does not say how many)</source>
        <translation>クラスマップ内の ID（数はファイルに書かれていない）</translation>
    </message>
    <message>
        <source>all {n}</source>
        <translation>全 {n} 個</translation>
    </message>
    <message>
        <source>{size} outside the Edge TPU operation</source>
        <translation>Edge TPU 演算の外に {size}</translation>
    </message>
    <message>
        <source>{size} of instructions and parameters</source>
        <translation>命令とパラメータで {size}</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>ファイルサイズ</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Input quantisation</source>
        <translation>入力の量子化</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>正規化</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス数</translation>
    </message>
    <message>
        <source>Edge TPU custom operations</source>
        <translation>Edge TPU カスタム演算</translation>
    </message>
    <message>
        <source>{n} classes, {tensor}</source>
        <translation>{n} クラス、{tensor}</translation>
    </message>
    <message>
        <source>1 operation on the CPU: {names}.</source>
        <translation>1 個の演算が CPU で動きます: {names}。</translation>
    </message>
    <message>
        <source>{count} operations on the CPU: {names}.</source>
        <translation>{count} 個の演算が CPU で動きます: {names}。</translation>
    </message>
    <message>
        <source>Output quantisation</source>
        <translation>出力の量子化</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>演算数</translation>
    </message>
    <message>
        <source>Operations on the CPU</source>
        <translation>CPU で動く演算</translation>
    </message>
    <message>
        <source>Operation types</source>
        <translation>演算の種類</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>Edge TPU program</source>
        <translation>Edge TPU プログラム</translation>
    </message>
</context>
<context>
    <name>Outputs</name>
    <message>
        <source>fed the picture</source>
        <translation>入力は画像</translation>
    </message>
    <message>
        <source>fed a generated input ({recipe})</source>
        <translation>入力は生成した値 ({recipe})</translation>
    </message>
    <message>
        <source>{output}: no finite values</source>
        <translation>{output}: 有限の値なし</translation>
    </message>
    <message>
        <source>{output}: min {low}, max {high}, mean {mean}</source>
        <translation>{output}: 最小 {low}、最大 {high}、平均 {mean}</translation>
    </message>
    <message>
        <source>    vs the baseline: largest difference {difference}, relative error {relative}</source>
        <translation>    基準との差: 最大 {difference}、相対誤差 {relative}</translation>
    </message>
    <message>
        <source>outputs given by only one backend: {missing}</source>
        <translation>片方のバックエンドだけが出した出力: {missing}</translation>
    </message>
    <message>
        <source>output {name} has another shape</source>
        <translation>出力 {name} の形が異なります</translation>
    </message>
    <message>
        <source>output {name} has no finite numbers to compare</source>
        <translation>出力 {name} には比較できる有限の値がありません</translation>
    </message>
    <message>
        <source>outputs differ by up to {difference} where the baseline&apos;s are 0</source>
        <translation>基準の値が 0 の所で出力の差は最大 {difference}</translation>
    </message>
    <message>
        <source>outputs differ by up to {difference} ({relative} of the largest value)</source>
        <translation>出力の差は最大 {difference}（最大値の {relative}）</translation>
    </message>
</context>
<context>
    <name>Pose</name>
    <message>
        <source>nose</source>
        <translation>鼻</translation>
    </message>
    <message>
        <source>left eye</source>
        <translation>左目</translation>
    </message>
    <message>
        <source>right eye</source>
        <translation>右目</translation>
    </message>
    <message>
        <source>left ear</source>
        <translation>左耳</translation>
    </message>
    <message>
        <source>right ear</source>
        <translation>右耳</translation>
    </message>
    <message>
        <source>left shoulder</source>
        <translation>左肩</translation>
    </message>
    <message>
        <source>right shoulder</source>
        <translation>右肩</translation>
    </message>
    <message>
        <source>left elbow</source>
        <translation>左肘</translation>
    </message>
    <message>
        <source>right elbow</source>
        <translation>右肘</translation>
    </message>
    <message>
        <source>left wrist</source>
        <translation>左手首</translation>
    </message>
    <message>
        <source>right wrist</source>
        <translation>右手首</translation>
    </message>
    <message>
        <source>left hip</source>
        <translation>左腰</translation>
    </message>
    <message>
        <source>right hip</source>
        <translation>右腰</translation>
    </message>
    <message>
        <source>left knee</source>
        <translation>左膝</translation>
    </message>
    <message>
        <source>right knee</source>
        <translation>右膝</translation>
    </message>
    <message>
        <source>left ankle</source>
        <translation>左足首</translation>
    </message>
    <message>
        <source>right ankle</source>
        <translation>右足首</translation>
    </message>
    <message>
        <source>no keypoint scored above {threshold} by both</source>
        <translation>両方がスコア {threshold} を超えたキーポイントはありません</translation>
    </message>
    <message>
        <source>{compared} keypoints within {largest} of the picture (mean {mean})</source>
        <translation>キーポイント {compared} 個が画像の {largest} 以内（平均 {mean}）</translation>
    </message>
</context>
<context>
    <name>Published</name>
    <message>
        <source>Coral publishes no figure for this model.</source>
        <translation>Coral はこのモデルの公表値を出していません。</translation>
    </message>
    <message>
        <source>USB Accelerator</source>
        <translation>USB Accelerator</translation>
    </message>
    <message>
        <source>Coral publishes {ms} ms for this model on a {device} (Coral&apos;s figure, not measured here).</source>
        <translation>Coral はこのモデルについて {device} で {ms} ms と公表しています（Coral の値で、ここでの測定値ではありません）。</translation>
    </message>
    <message>
        <source>Your CPU {cpu} ms; Coral publishes {ms} ms for this model on a {device} (not measured here)</source>
        <translation>お使いの CPU は {cpu} ms、Coral はこのモデルについて {device} で {ms} ms と公表しています（ここでの測定値ではありません）</translation>
    </message>
    <message>
        <source>an Edge TPU would be about {factor} faster.</source>
        <translation>Edge TPU ならおよそ {factor} 速くなります。</translation>
    </message>
    <message>
        <source>an Edge TPU would be only about {factor} faster: a close comparison, this CPU is already quick with this model.</source>
        <translation>Edge TPU でもおよそ {factor} しか速くなりません。差は小さく、この CPU はこのモデルですでに十分速いです。</translation>
    </message>
    <message>
        <source>about as fast as this CPU: an Edge TPU would not speed this model up here.</source>
        <translation>この CPU とほぼ同じ速さです。このモデルでは Edge TPU による高速化は見込めません。</translation>
    </message>
    <message>
        <source>this CPU is already about {inverse} faster than that figure.</source>
        <translation>この CPU はすでにその値よりおよそ {inverse} 速いです。</translation>
    </message>
    <message>
        <source>{head}: {tail}</source>
        <translation>{head}。{tail}</translation>
    </message>
    <message>
        <source>Measured {measured} ms; Coral publishes {ms} ms for this model on a {device}: as fast as it should be.</source>
        <translation>測定値 {measured} ms、Coral はこのモデルについて {device} で {ms} ms と公表しています。本来の速さが出ています。</translation>
    </message>
    <message>
        <source>Measured {measured} ms; Coral publishes {ms} ms for this model on a {device}: {factor} slower than Coral&apos;s figure.</source>
        <translation>測定値 {measured} ms、Coral はこのモデルについて {device} で {ms} ms と公表しています。Coral の値より {factor} 遅いです。</translation>
    </message>
    <message>
        <source>None of the causes this program can check applies.</source>
        <translation>このプログラムが確認できる原因はどれも当てはまりません。</translation>
    </message>
    <message>
        <source> ({names})</source>
        <translation>（{names}）</translation>
    </message>
    <message>
        <source>For full speed install the max build instead (libedgetpu1-max, or the &apos;direct&apos; library of Coral&apos;s download); the device then gets hot.</source>
        <translation>全速で動かすには代わりに max 版（libedgetpu1-max、または Coral の配布物の「direct」ライブラリ）をインストールしてください。デバイスは熱くなります。</translation>
    </message>
    <message>
        <source>Choose performance max in the backend&apos;s options.</source>
        <translation>バックエンドのオプションで performance を max にしてください。</translation>
    </message>
    <message>
        <source>The USB Accelerator is on a {generation} port ({speed} Mbit/s); Coral measured over USB 3 (5000 Mbit/s).</source>
        <translation>USB Accelerator が {generation} ポート（{speed} Mbit/s）に接続されています。Coral は USB 3（5000 Mbit/s）で測定しています。</translation>
    </message>
    <message>
        <source>Plug it into a USB 3 port (often blue) with the supplied cable: over USB 2 every inference waits for the slow data transfer.</source>
        <translation>付属のケーブルで USB 3 ポート（多くは青色）に接続してください。USB 2 では推論のたびに遅いデータ転送を待つことになります。</translation>
    </message>
    <message>
        <source>The throttled build of libedgetpu (libedgetpu1-std) runs the Edge TPU at a reduced clock.</source>
        <translation>libedgetpu の制限版（libedgetpu1-std）は Edge TPU を低いクロックで動かします。</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>The Edge TPU ran at performance level {level}, below Max.</source>
        <translation>Edge TPU は Max より低い performance レベル {level} で動きました。</translation>
    </message>
    <message>
        <source>The model is not compiled for the Edge TPU, so every operation ran on the CPU.</source>
        <translation>モデルが Edge TPU 向けにコンパイルされていないため、すべての演算が CPU で実行されました。</translation>
    </message>
    <message>
        <source>Use the _edgetpu.tflite file that came with it, or compile it with the Edge TPU Compiler.</source>
        <translation>付属の _edgetpu.tflite ファイルを使うか、Edge TPU Compiler でコンパイルしてください。</translation>
    </message>
    <message>
        <source>Operations left on the CPU: {count}{names}; every hand-over between the CPU and the Edge TPU crosses the link.</source>
        <translation>CPU に残った演算: {count}{names}。CPU と Edge TPU の間の受け渡しのたびに接続を通ります。</translation>
    </message>
    <message>
        <source>Compile the model with a newer Edge TPU Compiler, or replace those operations with ones the Edge TPU supports.</source>
        <translation>新しい Edge TPU Compiler でコンパイルするか、それらの演算を Edge TPU が対応する演算に置き換えてください。</translation>
    </message>
    <message>
        <source>The parameters ({mib} MiB) exceed the Edge TPU&apos;s 8 MiB of on-chip memory: some are streamed over the link at every inference.</source>
        <translation>パラメーター（{mib} MiB）が Edge TPU のオンチップメモリ 8 MiB を超えています。一部が推論のたびに接続経由で転送されます。</translation>
    </message>
    <message>
        <source>Use a smaller model, or split it across several Edge TPUs (edgetpu_compiler --num_segments).</source>
        <translation>より小さいモデルを使うか、複数の Edge TPU に分割してください（edgetpu_compiler --num_segments）。</translation>
    </message>
    <message>
        <source>This computer is a virtual machine ({name}): passing USB through to it adds latency to every transfer.</source>
        <translation>このコンピューターは仮想マシン（{name}）です。USB のパススルーで転送のたびに遅延が加わります。</translation>
    </message>
    <message>
        <source>Run on the host computer itself, or pass the whole USB controller through to the virtual machine (PCI passthrough).</source>
        <translation>ホストのコンピューターで直接実行するか、USB コントローラーごと仮想マシンに渡してください（PCI パススルー）。</translation>
    </message>
    <message>
        <source>This computer ({name}) does the work around each inference (copying the input and output, the USB driver) more slowly than the desktop Coral measured on.</source>
        <translation>このコンピューター（{name}）は、推論まわりの処理（入出力のコピー、USB ドライバー）が Coral が測定したデスクトップより遅くなります。</translation>
    </message>
    <message>
        <source>Part of the gap is to be expected here; a desktop computer, or a PCIe/M.2 Edge TPU, comes closer to Coral&apos;s figure.</source>
        <translation>ある程度の差はこの環境では避けられません。デスクトップのコンピューターや PCIe/M.2 の Edge TPU なら Coral の値に近づきます。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>No runtime</source>
        <translation>ランタイムなし</translation>
    </message>
    <message>
        <source>No Edge TPU runtime (libedgetpu) is installed. Open Diagnostics to see how to install the one that suits this computer.</source>
        <translation>Edge TPU ランタイム（libedgetpu）がインストールされていません。「診断」を開くと、このコンピューターに合うもののインストール方法がわかります。</translation>
    </message>
    <message>
        <source>Runtime unusable</source>
        <translation>ランタイムが使えません</translation>
    </message>
    <message>
        <source>The file found as the Edge TPU runtime cannot be used: {detail}. Open Diagnostics to see how to fix it.</source>
        <translation>Edge TPU ランタイムとして見つかったファイルは使えません: {detail}。「診断」を開くと直し方がわかります。</translation>
    </message>
    <message>
        <source>No device</source>
        <translation>デバイスなし</translation>
    </message>
    <message>
        <source>The Edge TPU runtime is installed, but no Edge TPU is plugged in. Plug in the Coral USB Accelerator (or check the PCIe card).</source>
        <translation>Edge TPU ランタイムはインストールされていますが、Edge TPU が接続されていません。Coral USB Accelerator を接続してください（または PCIe カードを確認してください）。</translation>
    </message>
    <message>
        <source>No access</source>
        <translation>アクセス不可</translation>
    </message>
    <message>
        <source>An Edge TPU is attached, but this user may not open it. Open Diagnostics to see how to fix it.</source>
        <translation>Edge TPU は接続されていますが、このユーザーには開く権限がありません。「診断」を開くと直し方がわかります。</translation>
    </message>
</context>
<context>
    <name>ResultPictureWidget</name>
    <message>
        <source>No keypoint scored above 0.4</source>
        <translation>スコア 0.4 を超えたキーポイントはありません</translation>
    </message>
    <message>
        <source>No object above the threshold</source>
        <translation>しきい値を超える物体はありません</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>ほか %n 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavedResultBanner</name>
    <message>
        <source>Saved result, measured {date}, from {file}. Run measures again with the backends chosen above.</source>
        <translation>保存した結果です（計測日時 {date}、ファイル {file}）。「実行」を押すと、上で選んだバックエンドでもう一度計測します。</translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The saved setting {key} was not valid and was reset.</source>
        <translation>保存されていた設定 {key} が正しくなかったため、初期値に戻しました。</translation>
    </message>
</context>
<context>
    <name>StartPageWidget</name>
    <message>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
    <message>
        <source>Copy sample models from a folder</source>
        <translation>フォルダーからサンプルモデルをコピー</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>Compare your CPU with a Coral Edge TPU</source>
        <translation>CPU と Coral Edge TPU を比べてみましょう</translation>
    </message>
    <message>
        <source>No models were found yet. Get Coral&apos;s sample models (about {size} MB) to try it right away, or open your own .tflite model.</source>
        <translation>モデルがまだ見つかりません。Coral のサンプルモデル（約 {size} MB）を入手してすぐに試すか、お手持ちの .tflite モデルを開いてください。</translation>
    </message>
    <message>
        <source>They are saved in {folder}.</source>
        <translation>保存先: {folder}</translation>
    </message>
    <message>
        <source>Get sample models</source>
        <translation>サンプルモデルを入手</translation>
    </message>
    <message>
        <source>Copy sample models from a folder…</source>
        <translation>フォルダーからサンプルモデルをコピー…</translation>
    </message>
    <message>
        <source>Without a network: choose a folder or USB stick holding models/, labels/ and images/ (a copy of the sample set). Each file is checked before it is used.</source>
        <translation>ネットワークがないとき：models/、labels/、images/ を含むフォルダーや USB メモリー（サンプル一式のコピー）を選びます。各ファイルは使う前に検証されます。</translation>
    </message>
    <message>
        <source>Try the built-in sample (a bird model and a parrot)</source>
        <translation>内蔵のサンプルを試す（鳥のモデルとオウム）</translation>
    </message>
    <message>
        <source>A bird classifier and its Edge TPU version ship with the app: no download needed.</source>
        <translation>鳥の分類モデルとその Edge TPU 版がアプリに含まれています。ダウンロードは不要です。</translation>
    </message>
    <message>
        <source>Open your own model…</source>
        <translation>自分のモデルを開く…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>The transfer of {name} broke off; trying again…</source>
        <translation>{name} の転送が途切れました。再試行しています…</translation>
    </message>
    <message>
        <source>Copying {name}: {done:.1f} of {total:.1f} MB</source>
        <translation>{name} をコピー中: {done:.1f} / {total:.1f} MB</translation>
    </message>
    <message>
        <source>Downloading {name}: {done:.1f} of {total:.1f} MB</source>
        <translation>{name} をダウンロード中: {done:.1f} / {total:.1f} MB</translation>
    </message>
    <message>
        <source>Cancelled. Nothing half-downloaded was kept.</source>
        <translation>キャンセルしました。途中までダウンロードしたものは残していません。</translation>
    </message>
    <message>
        <source>{message} ({count} more files failed too.)</source>
        <translation>{message}（ほかに {count} 個のファイルも失敗しました。）</translation>
    </message>
    <message>
        <source>Sample models ready.</source>
        <translation>サンプルモデルの準備ができました。</translation>
    </message>
</context>
<context>
    <name>TermTips</name>
    <message>
        <source>top-1: the class the model scored highest, its answer</source>
        <translation>第 1 候補：モデルがいちばん高いスコアを付けたクラス、つまりモデルの答え</translation>
    </message>
    <message>
        <source>baseline: the backend the others are compared with; choose it under Change…</source>
        <translation>基準：ほかのバックエンドの比較相手になるバックエンド。「変更…」で選べます</translation>
    </message>
    <message>
        <source>first found: the first Edge TPU libedgetpu finds, when none is named</source>
        <translation>最初に見つかったデバイス：デバイスを指定しないとき、libedgetpu が最初に見つけた Edge TPU</translation>
    </message>
    <message>
        <source>one core each: each of the runtime&apos;s threads is kept on a core of its own, so the system never puts two on one core</source>
        <translation>各スレッドに 1 コア：ランタイムのスレッドをそれぞれ専用のコアに固定し、システムが 2 つのスレッドを同じコアに載せないようにします</translation>
    </message>
</context>
<context>
    <name>TopKWidget</name>
    <message>
        <source>No results yet</source>
        <translation>まだ結果はありません</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>モデルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Open &amp;Labels…</source>
        <translation>ラベルを開く(&amp;L)…</translation>
    </message>
    <message>
        <source>Open &amp;Image…</source>
        <translation>画像を開く(&amp;I)…</translation>
    </message>
    <message>
        <source>Open Saved &amp;Result…</source>
        <translation>保存した結果を開く(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Get Sample Models…</source>
        <translation>サンプルモデルを入手(&amp;G)…</translation>
    </message>
    <message>
        <source>Copy Sample Models from a &amp;Folder…</source>
        <translation>フォルダーからサンプルモデルをコピー(&amp;F)…</translation>
    </message>
    <message>
        <source>Export Result as &amp;JSON…</source>
        <translation>結果を JSON で書き出す(&amp;J)…</translation>
    </message>
    <message>
        <source>Export Inferences as &amp;CSV…</source>
        <translation>推論を CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;HTML Report…</source>
        <translation>HTML レポートを書き出す(&amp;H)…</translation>
    </message>
    <message>
        <source>Save &amp;Outputs…</source>
        <translation>出力を保存(&amp;O)…</translation>
    </message>
    <message>
        <source>Save Window as &amp;PNG…</source>
        <translation>ウィンドウを PNG で保存(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Booth Mode (Full Screen Loop)</source>
        <translation>ブースモード（全画面で繰り返し）(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全画面表示(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>システムに合わせる(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Diagnostics…</source>
        <translation>診断(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;About Edge TPU Compare</source>
        <translation>Edge TPU Compare について(&amp;A)</translation>
    </message>
    <message>
        <source>unknown (not installed)</source>
        <translation>不明（インストールされていません）</translation>
    </message>
    <message>
        <source>&lt;p&gt;Project page: &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;プロジェクトのページ：&lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Edge TPU Compare&lt;/b&gt; {version}&lt;p&gt;Runs the same TensorFlow Lite model on the CPU and on a Google Coral Edge TPU, and shows how fast each is and whether they agree.&lt;/p&gt;&lt;p&gt;Licensed under the &lt;a href=&quot;https://www.apache.org/licenses/LICENSE-2.0&quot;&gt;Apache License 2.0&lt;/a&gt;. The built-in sample is Coral&apos;s bird model (Apache License 2.0) and a parrot photograph from Open Images (CC BY 2.0); their notices ship with the app.&lt;/p&gt;&lt;p&gt;The Edge TPU and its runtime: &lt;a href=&quot;https://coral.ai/docs/&quot;&gt;coral.ai/docs&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;b&gt;Edge TPU Compare&lt;/b&gt; {version}&lt;p&gt;同じ TensorFlow Lite モデルを CPU と Google Coral Edge TPU で実行し、それぞれの速さと、答えが一致するかどうかを示します。&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://www.apache.org/licenses/LICENSE-2.0&quot;&gt;Apache License 2.0&lt;/a&gt; のもとで提供されます。内蔵のサンプルは Coral の鳥のモデル（Apache License 2.0）と Open Images のオウムの写真（CC BY 2.0）で、それぞれの表示をアプリに同梱しています。&lt;/p&gt;&lt;p&gt;Edge TPU とそのランタイム：&lt;a href=&quot;https://coral.ai/docs/&quot;&gt;coral.ai/docs&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Edge TPU Compare</source>
        <translation>Edge TPU Compare について</translation>
    </message>
    <message>
        <source>Export result as JSON</source>
        <translation>結果を JSON で書き出す</translation>
    </message>
    <message>
        <source>Export inferences as CSV</source>
        <translation>推論を CSV で書き出す</translation>
    </message>
    <message>
        <source>Export HTML report</source>
        <translation>HTML レポートを書き出す</translation>
    </message>
    <message>
        <source>Save each backend&apos;s result in a folder</source>
        <translation>各バックエンドの結果をフォルダーに保存</translation>
    </message>
    <message>
        <source>This result has no files to save: a classifier&apos;s answers are in the exported result.</source>
        <translation>この結果には保存するファイルがありません。分類モデルの答えは書き出した結果ファイルに入っています。</translation>
    </message>
    <message>
        <source>Saved {n} files in {folder}</source>
        <translation>{folder} に {n} 個のファイルを保存しました</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} を保存しました</translation>
    </message>
    <message>
        <source>Save window as PNG</source>
        <translation>ウィンドウを PNG で保存</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
    <message>
        <source>{name}: loading the model…</source>
        <translation>{name}: モデルを読み込み中…</translation>
    </message>
    <message>
        <source>{name} · iteration {done} of {total}</source>
        <translation>{name} · {done} / {total} 回目</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Finished · 1 backend could not run</source>
        <translation>完了 · 1 個のバックエンドを実行できませんでした</translation>
    </message>
    <message>
        <source>Finished · {n} backends could not run</source>
        <translation>完了 · {n} 個のバックエンドを実行できませんでした</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>_DoctorThread</name>
    <message>
        <source>the checks stopped: {error}</source>
        <translation>確認が途中で止まりました: {error}</translation>
    </message>
    <message>
        <source>Run &apos;edgetpu-compare doctor&apos; in a terminal and attach its output to a bug report.</source>
        <translation>ターミナルで「edgetpu-compare doctor」を実行し、その出力をバグ報告に添付してください。</translation>
    </message>
</context>
</TS>
